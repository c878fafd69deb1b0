/** The registration to open from the « Mes documents » or « Mes justificatifs » menu. */
import type { VNode } from 'preact';
import type { Catalogue } from '../../../domain/catalogue/catalogue.js';
import type { Registration } from '../../../domain/registrations/registration.js';
import { Layout } from '../../views/layout.js';
import type { PageContext } from '../../views/page-context.js';
import { registrationTitle } from '../../../domain/registrations/registration-title.js';

export interface RegistrationMenu {
  title: string;
  /** Above the list of registrations to choose from. */
  choose: string;
  /** What a candidate without any registration reads. */
  empty: string;
  /** The page of one registration for this menu. */
  target: (number: string) => string;
}

export function ChooseRegistrationPage({
  ctx,
  menu,
  registrations,
  catalogue,
}: {
  ctx: PageContext;
  menu: RegistrationMenu;
  registrations: readonly Registration[];
  catalogue: Catalogue | undefined;
}): VNode {
  return (
    <Layout ctx={ctx} title={menu.title}>
      <h1>{menu.title}</h1>
      {registrations.length === 0 ? (
        <>
          <p>Vous n’avez encore aucune inscription enregistrée. {menu.empty}</p>
          <p>
            <a href="/inscription/nouvelle">M’inscrire</a> ou revenir à{' '}
            <a href="/espace">Mes inscriptions</a>.
          </p>
        </>
      ) : (
        <>
          <p>{menu.choose}</p>
          <ul>
            {registrations.map((r) => (
              <li>
                <a href={menu.target(r.number)}>
                  {registrationTitle(catalogue, r)} (inscription n° {r.number})
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
