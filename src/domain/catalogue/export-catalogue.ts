/**
 * The catalogue as stored, and its text in the import's format: what the overview shows, what
 * « Exporter » downloads (`candidat catalogue import` of it gives back the same catalogue) and
 * what the YAML page starts from, with the revision an edit must start from.
 */
import type { Catalogue } from './catalogue.js';
import { catalogueRevision, catalogueYaml } from './catalogue-yaml.js';
import type { CatalogueEditingContext } from './ports.js';

export interface ExportedCatalogue {
  catalogue: Catalogue;
  text: string;
  revision: string;
}

/** Undefined before the first import. */
export async function exportCatalogue(
  ctx: CatalogueEditingContext,
): Promise<ExportedCatalogue | undefined> {
  const catalogue = await ctx.store.transaction((unit) => unit.catalogue.load());
  if (!catalogue) return undefined;
  const text = catalogueYaml(catalogue);
  return { catalogue, text, revision: catalogueRevision(text) };
}
