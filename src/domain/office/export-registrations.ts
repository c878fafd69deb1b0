/**
 * The office's export of its list: the same filters and scope, every matching registration,
 * read in keyset batches ordered by number so that the whole result is never in memory. Each
 * export is written to the audit log (`registrations.exported`) before its first line is sent.
 */
import type { Catalogue } from '../catalogue/catalogue.js';
import type { StaffMember } from '../staff/ports.js';
import { officeCatalogue } from './office-catalogue.js';
import { type ListFilters, criteriaFor } from './registration-criteria.js';
import type {
  ExportedRegistration,
  RegistrationCriteria,
  RegistrationListContext,
} from './registration-list-ports.js';

/** Large enough that the queries' cost is spread, small enough to stay a few megabytes. */
export const EXPORT_BATCH_SIZE = 1000;

export interface RegistrationExport {
  /** When the export was asked for (its file is named after the day). */
  at: Date;
  catalogue: Catalogue;
  batches: AsyncIterable<ExportedRegistration[]>;
}

/**
 * Checks the filters and the staff member's rights at once (a refusal comes before anything is
 * sent, and is not logged: nothing left), logs the export, then gives the batches to read in
 * turn.
 *
 * The entry is written at the start, not once the file is sent: a download cut halfway has
 * still handed out data, and an export that cannot be logged is not sent at all. Its row count
 * is a COUNT of the same criteria taken then (the lines are streamed, never held, so they
 * cannot be counted first); a registration saved during a long download may add a line.
 */
export async function exportRegistrations(
  ctx: RegistrationListContext,
  input: { staff: StaffMember; filters: ListFilters; clientAddress?: string },
): Promise<RegistrationExport> {
  const catalogue = officeCatalogue(ctx.catalogue());
  const criteria = criteriaFor(catalogue, input.staff, input.filters);
  const at = ctx.clock.now();
  const rows = await ctx.query.count(criteria);
  await ctx.audit.record({
    at,
    actor: { kind: 'staff', id: input.staff.id },
    action: 'registrations.exported',
    subject: null,
    after: { filters: filterCodes(input.filters), search: criteria.search !== undefined, rows },
    clientAddress: input.clientAddress,
  });
  return { at, catalogue, batches: batches(ctx, criteria) };
}

const present = (value: string | undefined): value is string => value !== undefined && value !== '';

/**
 * The filters as codes of the catalogue (checked by `criteriaFor` before this runs), the
 * empty ones left out. The search box is not among them: it may hold a name or an email,
 * which the journal never keeps; the entry says only whether something was searched.
 */
function filterCodes(filters: ListFilters): Record<string, string> {
  const { session, exam, specialty, desk, state } = filters;
  return Object.fromEntries(
    Object.entries({ session, exam, specialty, desk, state }).filter(
      (entry): entry is [string, string] => present(entry[1]),
    ),
  );
}

async function* batches(
  ctx: RegistrationListContext,
  criteria: RegistrationCriteria,
): AsyncGenerator<ExportedRegistration[]> {
  let after: string | undefined;
  for (;;) {
    const batch = await ctx.query.batchAfter(criteria, after, EXPORT_BATCH_SIZE);
    if (batch.length > 0) yield batch;
    if (batch.length < EXPORT_BATCH_SIZE) return;
    after = batch[batch.length - 1]?.number;
  }
}
