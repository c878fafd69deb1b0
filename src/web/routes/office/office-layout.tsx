/**
 * The frame of the office's pages: the portal's layout with the office's header links (who
 * is signed in, « Se déconnecter ») instead of the candidate's, and a side menu.
 */
import type { ComponentChildren, VNode } from 'preact';
import type { StaffMember } from '../../../domain/staff/ports.js';
import { CsrfField } from '../../views/forms.js';
import { Layout } from '../../views/layout.js';
import type { PageContext } from '../../views/page-context.js';

/**
 * The office's menu, in the order of a working day. Each entry is shown to those who may open
 * it (the routes check again on the server). Add a page here when you add one to the office.
 */
export const OFFICE_MENU: readonly { href: string; label: string; adminOnly?: boolean }[] = [
  { href: '/gestion', label: 'Accueil' },
  { href: '/gestion/tableau-de-bord', label: 'Tableau de bord' },
  { href: '/gestion/inscriptions', label: 'Inscriptions' },
  { href: '/gestion/catalogue', label: 'Catalogue', adminOnly: true },
  { href: '/gestion/demandes', label: 'Demandes des candidats' },
  { href: '/gestion/personnel', label: 'Personnel', adminOnly: true },
  { href: '/gestion/journal', label: 'Journal des actions', adminOnly: true },
  { href: '/gestion/conservation', label: 'Conservation des données', adminOnly: true },
];

function OfficeMenu({ staff, path }: { staff: StaffMember; path: string }): VNode {
  const entries = OFFICE_MENU.filter((e) => !e.adminOnly || staff.role === 'admin');
  return (
    <nav class="fr-mb-3w" aria-label="Menu de l’espace gestionnaire">
      <ul class="fr-btns-group fr-btns-group--inline-sm">
        {entries.map((e) => (
          <li>
            <a
              class={`fr-btn fr-btn--sm ${e.href === path ? '' : 'fr-btn--tertiary'}`}
              href={e.href}
              aria-current={e.href === path ? 'page' : undefined}
            >
              {e.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export interface OfficeLayoutProps {
  ctx: PageContext;
  staff: StaffMember | undefined;
  title: string;
  children: ComponentChildren;
}

export function OfficeLayout({ ctx, staff, title, children }: OfficeLayoutProps): VNode {
  const tools = staff ? (
    <>
      <li>
        <a class="fr-btn fr-icon-account-circle-line" href="/gestion">
          Espace gestionnaire
        </a>
      </li>
      <li>
        <form method="post" action="/gestion/deconnexion">
          <CsrfField token={ctx.csrfToken} />
          <button type="submit" class="fr-btn fr-icon-logout-box-r-line">
            Se déconnecter
          </button>
        </form>
      </li>
    </>
  ) : (
    <li>
      <a class="fr-btn fr-icon-lock-line" href="/gestion/connexion">
        Connexion gestionnaire
      </a>
    </li>
  );
  return (
    <Layout ctx={ctx} title={`${title} – Espace gestionnaire`} tools={tools} homeHref="/gestion">
      {staff && !staff.disabledAt && <OfficeMenu staff={staff} path={ctx.path} />}
      {children}
    </Layout>
  );
}

/** A page of the office that only says something (refusals, expired links). */
export function OfficeMessagePage({
  ctx,
  staff,
  title,
  lead,
  children,
}: {
  ctx: PageContext;
  staff: StaffMember | undefined;
  title: string;
  lead: string;
  children?: ComponentChildren;
}): VNode {
  return (
    <OfficeLayout ctx={ctx} staff={staff} title={title}>
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
          <h1>{title}</h1>
          <p class="fr-text--lead">{lead}</p>
          {children}
        </div>
      </div>
    </OfficeLayout>
  );
}
