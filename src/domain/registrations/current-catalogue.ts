/** The catalogue the use cases work with; without one nobody can register yet. */
import type { Catalogue } from '../catalogue/catalogue.js';
import { DomainError } from '../errors.js';
import type { RegistrationsContext } from './ports.js';

export function currentCatalogue(ctx: RegistrationsContext): Catalogue {
  const catalogue = ctx.catalogue();
  if (!catalogue)
    throw new DomainError(
      'not_found',
      'Aucun examen n’est ouvert aux inscriptions pour le moment.',
    );
  return catalogue;
}
