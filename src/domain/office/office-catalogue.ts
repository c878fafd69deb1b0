/** The catalogue the office's lists work with; without one there is nothing to list yet. */
import type { Catalogue } from '../catalogue/catalogue.js';
import { DomainError } from '../errors.js';

export function officeCatalogue(catalogue: Catalogue | undefined): Catalogue {
  if (!catalogue)
    throw new DomainError(
      'not_found',
      'Aucun catalogue d’examens n’est chargé : importez-en un (candidat catalogue import).',
    );
  return catalogue;
}
