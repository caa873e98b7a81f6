import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const DEFAULT_IDS: TestDatabaseId[] = ['SQLITE_3', 'POSTGRES_15'];

/** Where Backstage's TestDatabases looks for a server of the given id. */
const connectionVariableOf = (id: string) =>
  `BACKSTAGE_TEST_DATABASE_${id.replace(/_/g, '')}_CONNECTION_STRING`;

/**
 * SQLite always, and the machine's PostgreSQL 15 server when the connection string variable
 * names it. `JUANIE_TEST_DATABASES` (comma-separated ids) narrows the run to some databases,
 * as scripts/test.sh does for its SQLite and PostgreSQL passes. In CI a requested PostgreSQL
 * without a connection string is an error, never a skip.
 */
export function createJuanieTestDatabases(): TestDatabases {
  const requested = process.env.JUANIE_TEST_DATABASES;
  const ids = requested
    ? (requested.split(',').map(id => id.trim()).filter(Boolean) as TestDatabaseId[])
    : DEFAULT_IDS;
  if (process.env.CI) {
    const missing = ids.filter(id => id !== 'SQLITE_3' && !process.env[connectionVariableOf(id)]);
    if (missing.length > 0) {
      const variables = missing.map(connectionVariableOf).join(', ');
      throw new Error(`${variables} must be set in CI: tests run on ${missing.join(', ')} too`);
    }
  }
  return TestDatabases.create({ ids, disableDocker: true });
}
