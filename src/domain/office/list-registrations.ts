/**
 * « Inscriptions » for the office: one page of the registrations the staff member may see,
 * filtered, ordered by number, with the total that matches.
 */
import type { Catalogue } from '../catalogue/catalogue.js';
import type { StaffMember } from '../staff/ports.js';
import { officeCatalogue } from './office-catalogue.js';
import { type ListFilters, criteriaFor } from './registration-criteria.js';
import type { ListedRegistration, RegistrationListContext } from './registration-list-ports.js';

export const LIST_PAGE_SIZE = 50;

export interface RegistrationListPage {
  /** The catalogue the filters were read against (the page labels codes with it). */
  catalogue: Catalogue;
  rows: ListedRegistration[];
  total: number;
  page: number;
  pageCount: number;
}

/** Page `page` (from 1) of the list; a page past the end gives the last one. */
export async function listRegistrations(
  ctx: RegistrationListContext,
  input: { staff: StaffMember; filters: ListFilters; page: number },
): Promise<RegistrationListPage> {
  const catalogue = officeCatalogue(ctx.catalogue());
  const criteria = criteriaFor(catalogue, input.staff, input.filters);
  const total = await ctx.query.count(criteria);
  const pageCount = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(input.page)), pageCount);
  const rows =
    total === 0 ? [] : await ctx.query.page(criteria, (page - 1) * LIST_PAGE_SIZE, LIST_PAGE_SIZE);
  return { catalogue, rows, total, page, pageCount };
}
