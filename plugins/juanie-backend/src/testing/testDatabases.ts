import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const POSTGRES_URL_VARIABLE = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * SQLite always, and the machine's PostgreSQL 15 server when the connection string variable
 * names it (scripts/test.sh sets it). In CI a missing PostgreSQL is an error, never a skip.
 */
export function createJuanieTestDatabases(): TestDatabases {
  if (process.env.CI && !process.env[POSTGRES_URL_VARIABLE]) {
    throw new Error(`${POSTGRES_URL_VARIABLE} must be set in CI: tests run on PostgreSQL too`);
  }
  const ids: TestDatabaseId[] = ['SQLITE_3', 'POSTGRES_15'];
  return TestDatabases.create({ ids, disableDocker: true });
}
