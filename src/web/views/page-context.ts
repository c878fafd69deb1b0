/** What every page needs to know besides its own content. */
import type { Desk } from '../../domain/desks/desk.js';

export interface PageContext {
  academyName: string;
  /** The State's brand (Marianne font, bloc-marque); off for a non-State deployment. */
  stateBrand: boolean;
  demo: boolean;
  /** The signed-in candidate's email, when there is one. */
  accountEmail: string | undefined;
  /** CSRF token for the forms of this page (the header's sign-out button included). */
  csrfToken: string;
  desks: readonly Desk[];
  /** The page's path without its query, e.g. to mark the current menu entry. */
  path: string;
}
