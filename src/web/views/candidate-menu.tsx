/**
 * The signed-in candidate's main menu, in the header: the notice tells candidates to register
 * « via l'onglet "M'inscrire" » and to open the « Mes documents » and « Mes justificatifs »
 * menus, so those are its words. The page being shown is marked `aria-current="page"` (read
 * out by screen readers, underlined by the DSFR). It is the DSFR's header menu: a bar under the
 * header on a wide screen, a dialog behind « Menu » on a small one, both run by the DSFR
 * script; without the script it is hidden (public/candidat.css) and every page it leads to
 * stays reachable from « Mes inscriptions ».
 */
import type { VNode } from 'preact';

interface MenuEntry {
  label: string;
  href: string;
  /** Whether the page at `path` belongs to this entry. */
  covers: (path: string) => boolean;
}

const ENTRIES: readonly MenuEntry[] = [
  { label: 'Mes inscriptions', href: '/espace', covers: (p) => p === '/espace' },
  {
    label: 'M’inscrire',
    href: '/inscription/nouvelle',
    covers: (p) => p.startsWith('/inscription/'),
  },
  {
    label: 'Mes documents',
    href: '/mes-documents',
    covers: (p) => p === '/mes-documents' || /^\/inscriptions\/[^/]+\/documents$/.test(p),
  },
  {
    label: 'Mes justificatifs',
    href: '/mes-justificatifs',
    covers: (p) => p === '/mes-justificatifs' || /^\/inscriptions\/[^/]+\/justificatifs$/.test(p),
  },
];

export function CandidateMenu({ path }: { path: string }): VNode {
  return (
    <nav class="fr-nav" id="menu-principal" role="navigation" aria-label="Menu principal">
      <ul class="fr-nav__list">
        {ENTRIES.map((entry) => (
          <li class="fr-nav__item">
            <a
              class="fr-nav__link"
              href={entry.href}
              aria-current={entry.covers(path) ? 'page' : undefined}
            >
              {entry.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
