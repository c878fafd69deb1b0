/**
 * The page frame, DSFR markup rendered on the server: skip links, header with the académie's
 * name, main content, footer with the pôles' contacts. Works without JavaScript; the DSFR
 * script only adds behaviour (and no inline script is ever emitted, the CSP forbids it).
 */
import type { ComponentChildren, VNode } from 'preact';
import { CandidateMenu } from './candidate-menu.js';
import { CsrfField } from './forms.js';
import type { PageContext } from './page-context.js';

export const SERVICE_NAME = 'Inscriptions aux examens';

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Replaces the candidate's header links (the office's pages show their own). */
  tools?: ComponentChildren;
  /** Where the service's name in the header leads; `/` by default. */
  homeHref?: string;
}

export function Layout({ ctx, title, children, tools, homeHref }: LayoutProps): VNode {
  const fullTitle = `${title} – ${SERVICE_NAME} – ${ctx.academyName}`;
  return (
    <html lang="fr" data-fr-scheme="system">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no" />
        <meta name="format-detection" content="telephone=no" />
        <title>{fullTitle}</title>
        <link rel="stylesheet" href="/dsfr/dsfr.min.css" />
        <link rel="stylesheet" href="/dsfr/utility/icons/icons.min.css" />
        <link rel="stylesheet" href="/static/candidat.css" />
        {ctx.stateBrand ? (
          <link rel="icon" href="/dsfr/favicon/favicon.svg" type="image/svg+xml" />
        ) : (
          <link rel="stylesheet" href="/static/without-state-brand.css" />
        )}
      </head>
      <body>
        <div class="fr-skiplinks">
          <nav class="fr-container" role="navigation" aria-label="Accès rapide">
            <ul class="fr-skiplinks__list">
              <li>
                <a class="fr-link" href="#contenu">
                  Contenu
                </a>
              </li>
              <li>
                <a class="fr-link" href="#pied-de-page">
                  Pied de page
                </a>
              </li>
            </ul>
          </nav>
        </div>
        <Header ctx={ctx} tools={tools} homeHref={homeHref ?? '/'} />
        {ctx.demo && (
          <div class="fr-notice fr-notice--info">
            <div class="fr-container">
              <div class="fr-notice__body">
                <p class="fr-notice__title">
                  Démonstration : aucun courriel ne part. Lisez-les dans{' '}
                  <a href="/demo/courriels">la boîte de démonstration</a>.
                </p>
              </div>
            </div>
          </div>
        )}
        <main role="main" id="contenu" tabIndex={-1}>
          <div class="fr-container fr-my-6w">{children}</div>
        </main>
        <Footer ctx={ctx} />
        <script type="module" src="/dsfr/dsfr.module.min.js"></script>
        <script nomodule src="/dsfr/dsfr.nomodule.min.js"></script>
      </body>
    </html>
  );
}

function Header({
  ctx,
  tools,
  homeHref,
}: {
  ctx: PageContext;
  tools: ComponentChildren;
  homeHref: string;
}): VNode {
  return (
    <header role="banner" class="fr-header">
      <div class="fr-header__body">
        <div class="fr-container">
          <div class="fr-header__body-row">
            <div class="fr-header__brand fr-enlarge-link">
              <div class="fr-header__brand-top">
                {ctx.stateBrand && (
                  <div class="fr-header__logo">
                    <p class="fr-logo">
                      République
                      <br />
                      Française
                    </p>
                  </div>
                )}
                <div class="fr-header__navbar">
                  <button
                    type="button"
                    class="fr-btn--menu fr-btn"
                    id="bouton-menu"
                    data-fr-opened="false"
                    aria-controls="menu-modal"
                    title="Menu"
                  >
                    Menu
                  </button>
                </div>
              </div>
              <div class="fr-header__service">
                <a href={homeHref} title={`Accueil – ${SERVICE_NAME} – ${ctx.academyName}`}>
                  <p class="fr-header__service-title">{SERVICE_NAME}</p>
                </a>
                <p class="fr-header__service-tagline">{ctx.academyName}</p>
              </div>
            </div>
            <div class="fr-header__tools">
              <div class="fr-header__tools-links">
                <ul class="fr-btns-group">
                  {tools !== undefined ? (
                    tools
                  ) : ctx.accountEmail ? (
                    <>
                      <li>
                        <a class="fr-btn fr-icon-account-circle-line" href="/espace">
                          Mon espace
                        </a>
                      </li>
                      <li>
                        <a class="fr-btn fr-icon-user-setting-line" href="/compte">
                          Mon compte
                        </a>
                      </li>
                      <li>
                        <form method="post" action="/deconnexion">
                          <CsrfField token={ctx.csrfToken} />
                          <button type="submit" class="fr-btn fr-icon-logout-box-r-line">
                            Se déconnecter
                          </button>
                        </form>
                      </li>
                    </>
                  ) : (
                    <>
                      <li>
                        <a class="fr-btn fr-icon-lock-line" href="/connexion">
                          Se connecter
                        </a>
                      </li>
                      <li>
                        <a class="fr-btn fr-icon-account-line" href="/compte/creer">
                          Créer votre compte
                        </a>
                      </li>
                    </>
                  )}
                </ul>
              </div>
            </div>
          </div>
        </div>
      </div>
      {/* The menu: on a wide screen, the candidate's main menu under the header; on a small one,
          a dialog behind « Menu » into which the DSFR script also copies the tool links.
          Without the script the menu is hidden and the tool links stay shown
          (public/candidat.css). */}
      <div class="fr-header__menu fr-modal" id="menu-modal" aria-labelledby="bouton-menu">
        <div class="fr-container">
          <button
            type="button"
            class="fr-btn--close fr-btn"
            aria-controls="menu-modal"
            title="Fermer"
          >
            Fermer
          </button>
          <div class="fr-header__menu-links"></div>
          {tools === undefined && ctx.accountEmail && <CandidateMenu path={ctx.path} />}
        </div>
      </div>
    </header>
  );
}

function Footer({ ctx }: { ctx: PageContext }): VNode {
  return (
    <footer class="fr-footer" role="contentinfo" id="pied-de-page">
      <div class="fr-container">
        <div class="fr-footer__body">
          <div class="fr-footer__brand fr-enlarge-link">
            <a href="/" title={`Retour à l’accueil – ${SERVICE_NAME}`}>
              {ctx.stateBrand ? (
                <p class="fr-logo">
                  République
                  <br />
                  Française
                </p>
              ) : (
                <p class="fr-h5 fr-mb-0">{ctx.academyName}</p>
              )}
            </a>
          </div>
          <div class="fr-footer__content">
            <p class="fr-footer__content-desc">
              {ctx.academyName} – service des examens. Pour tout renseignement, contactez le pôle
              qui gère votre examen.
            </p>
            {ctx.desks.length > 0 && (
              <ul class="fr-footer__content-list fr-footer__contacts">
                {ctx.desks.map((desk) => (
                  <li class="fr-footer__content-item">
                    <strong>{desk.name}</strong> : {desk.phones.join(' / ')} /{' '}
                    <a class="fr-footer__content-link" href={`mailto:${desk.email}`}>
                      {desk.email}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
        <div class="fr-footer__bottom">
          <ul class="fr-footer__bottom-list">
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/">
                Accueil
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/calendrier">
                Calendrier des inscriptions
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/poles">
                Contacter les pôles
              </a>
            </li>
          </ul>
        </div>
      </div>
    </footer>
  );
}
