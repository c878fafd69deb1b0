/** Imports a shipped catalogue file into a test application, as `candidat catalogue import` does. */
import path from 'node:path';
import type { App } from '../../src/app.js';
import { formatCatalogueError } from '../../src/domain/catalogue/catalogue-file.js';
import { CATALOGUES_DIR, DEMO_ACCOUNT } from '../../src/demo/demo-data.js';
import { readCatalogueFile } from '../../src/infra/catalogue/read-catalogue-file.js';
import { saveCatalogue } from '../../src/infra/repositories/catalogue.repository.js';
import type { TestDialect } from './databases.js';
import { type TestApp, startTestApp } from './test-app.js';

export async function importCatalogue(app: App, name: string): Promise<void> {
  const result = await readCatalogueFile(path.join(CATALOGUES_DIR, name), { now: app.clock.now() });
  if (!result.ok) throw new Error(result.errors.map(formatCatalogueError).join('\n'));
  await app.database.db.transaction().execute((trx) => saveCatalogue(trx, result.catalogue));
  await app.reloadCatalogue();
}

/**
 * A test application on the notice's own catalogue (poitiers-2025), its clock on 1 November
 * 2024 (every window open), and the id of the demo candidate's account.
 */
export async function startOnPoitiers(
  dialect: TestDialect,
  start = '2024-11-01T09:00:00.000Z',
): Promise<{ t: TestApp; demoAccountId: string }> {
  const t = await startTestApp(dialect, { start });
  await importCatalogue(t.app, 'poitiers-2025.yaml');
  const { id } = await t.app.database.db
    .selectFrom('accounts')
    .select('id')
    .where('email', '=', DEMO_ACCOUNT.email)
    .executeTakeFirstOrThrow();
  return { t, demoAccountId: id };
}
