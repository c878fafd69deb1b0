/** Imports a shipped catalogue file into a test application, as `candidat catalogue import` does. */
import path from 'node:path';
import type { App } from '../../src/app.js';
import { formatCatalogueError } from '../../src/domain/catalogue/catalogue-file.js';
import { CATALOGUES_DIR } from '../../src/demo/demo-data.js';
import { readCatalogueFile } from '../../src/infra/catalogue/read-catalogue-file.js';
import { saveCatalogue } from '../../src/infra/repositories/catalogue.repository.js';

export async function importCatalogue(app: App, name: string): Promise<void> {
  const result = await readCatalogueFile(path.join(CATALOGUES_DIR, name), { now: app.clock.now() });
  if (!result.ok) throw new Error(result.errors.map(formatCatalogueError).join('\n'));
  await app.database.db.transaction().execute((trx) => saveCatalogue(trx, result.catalogue));
  await app.reloadCatalogue();
}
