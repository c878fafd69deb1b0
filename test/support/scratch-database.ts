/**
 * A bare database of the portal's kind (opened as the portal opens it, no migrations) with one
 * table of the test's, for the tests of the database layer itself; closed and dropped after
 * each test.
 */
import type { RawBuilder } from 'kysely';
import { afterEach } from 'vitest';
import { type Database, openDatabase } from '../../src/infra/db/database.js';
import { type TestDatabase, type TestDialect, createTestDatabase } from './databases.js';

export function scratchDatabases(dialect: TestDialect): {
  open(
    ...statements: RawBuilder<unknown>[]
  ): Promise<Database & { location: TestDatabase['location'] }>;
} {
  let testDb: TestDatabase | undefined;
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    await testDb?.drop();
    database = undefined;
    testDb = undefined;
  });
  return {
    async open(...statements) {
      testDb = await createTestDatabase(dialect);
      database = openDatabase(testDb.location);
      for (const statement of statements) await statement.execute(database.db);
      return { ...database, location: testDb.location };
    },
  };
}
