import { DatabaseService, resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** Where the plain dated migration files live, in the source tree and in the published package. */
export const migrationsDirectory = resolvePackagePath('@juanie/plugin-juanie-backend', 'migrations');

/** Opens the plugin's database and brings its schema up to date, unless the adopter skips it. */
export async function openDatabase(database: DatabaseService): Promise<Knex> {
  const db = await database.getClient();
  if (!database.migrations?.skip) {
    await db.migrate.latest({ directory: migrationsDirectory });
  }
  return db;
}
