/**
 * « Contacter les pôles »: each pôle of the service with its phones and email, and the exams
 * and specialties it handles, derived from the catalogue.
 */
import type { VNode } from 'preact';
import type { DeskDuty } from '../../../domain/catalogue/desk-duties.js';
import type { Desk } from '../../../domain/desks/desk.js';
import { Layout } from '../../views/layout.js';
import type { PageContext } from '../../views/page-context.js';

export const DESKS_TITLE = 'Contacter les pôles';

/**
 * A tel: link dialled as written: the digits of the national number ("05.16.52.64.55" →
 * tel:0516526455). Not rewritten to +33: overseas départements have their own country codes.
 */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

export interface DeskWithDuties {
  desk: Desk;
  duties: DeskDuty[];
}

function Duty({ duty }: { duty: DeskDuty }): VNode {
  const exam = `${duty.exam.name} (${duty.exam.shortName})`;
  if (duty.allSpecialties) {
    return (
      <li>
        {exam}
        {duty.specialties.length > 0 && ' : toutes les spécialités'}
      </li>
    );
  }
  return (
    <li>
      {exam}, {duty.specialties.length === 1 ? 'la spécialité' : 'les spécialités'} :
      <ul>
        {duty.specialties.map((s) => (
          <li>
            {s.name} ({s.code})
          </li>
        ))}
      </ul>
    </li>
  );
}

function DeskSection({ desk, duties }: DeskWithDuties): VNode {
  return (
    <section class="fr-mb-6w" id={`pole-${desk.code}`} aria-labelledby={`titre-${desk.code}`}>
      <h2 id={`titre-${desk.code}`}>{desk.name}</h2>
      <ul class="fr-raw-list fr-mb-3w">
        <li>
          {desk.phones.length > 1 ? 'Téléphones' : 'Téléphone'} :{' '}
          {desk.phones.map((phone, i) => (
            <>
              {i > 0 && (i === desk.phones.length - 1 ? ' ou ' : ', ')}
              <a href={telHref(phone)}>{phone}</a>
            </>
          ))}
        </li>
        <li>
          Courriel : <a href={`mailto:${desk.email}`}>{desk.email}</a>
        </li>
      </ul>
      <h3 class="fr-h6">Examens et spécialités gérés</h3>
      {duties.length === 0 ? (
        <p>Aucun examen n’est rattaché à ce pôle pour le moment.</p>
      ) : (
        <ul>
          {duties.map((duty) => (
            <Duty duty={duty} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function DesksPage({ ctx, desks }: { ctx: PageContext; desks: DeskWithDuties[] }): VNode {
  return (
    <Layout ctx={ctx} title={DESKS_TITLE}>
      <h1>{DESKS_TITLE}</h1>
      <p class="fr-text--lead">
        Pour toute question sur votre inscription, contactez le pôle qui gère votre examen et votre
        spécialité.
      </p>
      <p>
        Si vous changez d’adresse postale, communiquez aussitôt votre nouvelle adresse par courriel
        au pôle qui gère votre examen.
      </p>
      {desks.length === 0 ? (
        <p>Les coordonnées des pôles ne sont pas encore publiées.</p>
      ) : (
        desks.map((d) => <DeskSection desk={d.desk} duties={d.duties} />)
      )}
      <p>
        Les dates d’ouverture et de clôture des inscriptions sont dans le{' '}
        <a href="/calendrier">calendrier des inscriptions</a>.
      </p>
    </Layout>
  );
}
