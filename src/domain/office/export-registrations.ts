/**
 * The office's export of its list: the same filters and scope, every matching registration,
 * read in keyset batches ordered by number so that the whole result is never in memory.
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
 * sent), then gives the batches to read in turn.
 */
export function exportRegistrations(
  ctx: RegistrationListContext,
  input: { staff: StaffMember; filters: ListFilters },
): RegistrationExport {
  const catalogue = officeCatalogue(ctx.catalogue());
  const criteria = criteriaFor(catalogue, input.staff, input.filters);
  return { at: ctx.clock.now(), catalogue, batches: batches(ctx, criteria) };
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
