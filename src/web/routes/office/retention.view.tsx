/**
 * « Conservation des données » (administrators): the candidates whose data is past
 * retention, a page at a time, and the confirmed deletion of all of them.
 */
import type { VNode } from 'preact';
import type { ExpiredCandidates } from '../../../domain/personal-data/expired-candidates.js';
import { addMonths } from '../../../domain/personal-data/retention.js';
import type { StaffMember } from '../../../domain/staff/ports.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import { Checkbox } from '../../views/choices.js';
import { Alert, CsrfField } from '../../views/forms.js';
import type { PageContext } from '../../views/page-context.js';
import { Pagination } from '../../views/pagination.js';
import { Table } from '../../views/table.js';
import { OfficeLayout } from './office-layout.js';

export const RETENTION_PATH = '/gestion/conservation';
export const RETENTION_DELETE_PATH = `${RETENTION_PATH}/suppression`;
export const CONFIRMATION_FIELD = 'confirmation';

const longDay = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** « 10 juin 2025 » for "2025-06-10". */
function formatDay(day: string): string {
  return longDay.format(new Date(`${day}T00:00:00.000Z`));
}

const candidates = (n: number): string => (n === 1 ? '1 candidat' : `${n} candidats`);

export function RetentionPage({
  ctx,
  staff,
  expired,
  notice,
  alert,
  confirmationError,
}: {
  ctx: PageContext;
  staff: StaffMember;
  expired: ExpiredCandidates;
  notice?: string | undefined;
  alert?: string | undefined;
  confirmationError?: string | undefined;
}): VNode {
  const { cutoff, retentionMonths, total } = expired;
  return (
    <OfficeLayout ctx={ctx} staff={staff} title="Conservation des données">
      {notice && <Alert kind="success" title={notice} />}
      {alert && <Alert kind="error" title={alert} />}
      <h1>Conservation des données</h1>
      <p>
        Les données d’un candidat sont conservées {retentionMonths} mois après le premier jour des
        épreuves de la dernière session à laquelle il s’est inscrit (réglage{' '}
        <code>RETENTION_MONTHS</code>). Sont concernés aujourd’hui les candidats dont toutes les
        inscriptions portent sur des sessions dont les épreuves ont commencé le{' '}
        {formatDay(cutoff.cutoffDay)} ou avant, et les comptes sans inscription créés jusqu’à cette
        date.
      </p>
      <p>
        La suppression efface le compte, les inscriptions et leurs versions, les justificatifs et
        leurs fichiers, les documents transmis par le pôle, les demandes et leurs réponses, les
        brouillons, les connexions et les courriels. Le journal des actions est conservé : il ne
        contient que des identifiants.
      </p>
      {total === 0 ? (
        <p>Aucun candidat n’a aujourd’hui dépassé la durée de conservation.</p>
      ) : (
        <>
          <Table
            caption={`${candidates(total)} dont la durée de conservation est dépassée – page ${expired.page} sur ${expired.pages}`}
          >
            <thead>
              <tr>
                <th scope="col">Adresse électronique</th>
                <th scope="col">Compte créé le</th>
                <th scope="col">Inscriptions</th>
                <th scope="col">Dernière session : premier jour des épreuves</th>
                <th scope="col">Conservation jusqu’au</th>
              </tr>
            </thead>
            <tbody>
              {expired.candidates.map((c) => (
                <tr>
                  <td>{c.email}</td>
                  <td>{formatParisDateTime(c.createdAt)}</td>
                  <td>{c.registrations}</td>
                  <td>{c.lastExamDay ? formatDay(c.lastExamDay) : 'aucune inscription'}</td>
                  <td>
                    {c.lastExamDay
                      ? formatDay(addMonths(c.lastExamDay, retentionMonths))
                      : 'sans objet'}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
          {expired.pages > 1 && (
            <Pagination
              label="Pagination des candidats à effacer"
              page={expired.page}
              pageCount={expired.pages}
              href={(n) => `${RETENTION_PATH}?page=${n}`}
            />
          )}
          <form method="post" action={RETENTION_DELETE_PATH} class="fr-mt-4w">
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="nombre" value={String(total)} />
            <fieldset class="fr-fieldset">
              <legend class="fr-fieldset__legend">Supprimer les données</legend>
              <div class="fr-fieldset__element">
                <Checkbox
                  name={CONFIRMATION_FIELD}
                  label={`Je confirme la suppression définitive des données de ${candidates(total)}, sur toutes les pages de cette liste.`}
                  hint="Cette action est irréversible. Chaque suppression est inscrite au journal des actions."
                  checked={false}
                  error={confirmationError}
                />
              </div>
            </fieldset>
            <button type="submit" class="fr-btn fr-icon-delete-line fr-btn--icon-left">
              Supprimer définitivement
            </button>
          </form>
        </>
      )}
    </OfficeLayout>
  );
}
