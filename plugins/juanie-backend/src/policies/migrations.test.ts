import { migrationsDirectory } from '../database/migrateDatabase';
import {
  insertEnvironment,
  insertOrganization,
  insertProject,
  migrateToPolicies,
  POLICIES_MIGRATION,
} from './__testUtils__/policyFixtures';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(60_000);

const config = { directory: migrationsDirectory };

/**
 * The database's error message for a refused write. Jest's `rejects.toThrow` does not see
 * better-sqlite3's errors as errors once several test files share a worker.
 */
const refusalOf = (write: PromiseLike<unknown>) =>
  Promise.resolve(write).then(
    () => 'accepted',
    (error: { message?: unknown }) => String(error?.message),
  );

const policyRow = (ids: { org: string; project: string; env: string }) => ({
  id: '00000000-0000-4000-8000-000000000001',
  organization_id: ids.org,
  project_id: ids.project,
  environment_id: ids.env,
  type: 'maxReplicas',
  params: JSON.stringify({ max: 3 }),
  enforcement: 'enforce',
  enabled: true,
  title: 'At most three',
  description: '',
  created_by: 'user:default/alice',
  created_at: new Date('2026-11-24T10:00:00+01:00'),
  updated_by: 'user:default/alice',
  updated_at: new Date('2026-11-24T10:00:00+01:00'),
});

describe('the policies migration', () => {
  const databases = createJuanieTestDatabases();

  it.each(databases.eachSupportedId())('goes up, down and up again without losing data (%p)', async id => {
    const knex = await databases.init(id);
    await migrateToPolicies(knex, { through: false });
    const org = await insertOrganization(knex, 'acme');
    const project = await insertProject(knex, org, 'shop');
    const env = await insertEnvironment(knex, project, 'prod', 'production');

    await knex.migrate.up({ ...config, name: POLICIES_MIGRATION });
    expect(await knex('organizations').pluck('slug')).toEqual(['acme']);
    await knex('policies').insert(policyRow({ org, project, env }));
    const [stored] = await knex('policies').select();
    expect(JSON.parse(stored.params)).toEqual({ max: 3 });
    expect(new Date(stored.created_at).toISOString()).toBe('2026-11-24T09:00:00.000Z');

    await knex.migrate.down({ ...config, name: POLICIES_MIGRATION });
    expect(await knex.schema.hasTable('policies')).toBe(false);
    expect(await knex('environments').pluck('slug')).toEqual(['prod']);

    await knex.migrate.up({ ...config, name: POLICIES_MIGRATION });
    await knex('policies').insert(policyRow({ org, project, env }));
    expect(await knex('policies').pluck('title')).toEqual(['At most three']);
  });

  it.each(databases.eachSupportedId())('refuses an environment policy without its project (%p)', async id => {
    const knex = await databases.init(id);
    await migrateToPolicies(knex, { through: true });
    const org = await insertOrganization(knex, 'acme');
    const project = await insertProject(knex, org, 'shop');
    const env = await insertEnvironment(knex, project, 'prod', 'production');
    expect(await refusalOf(knex('policies').insert({ ...policyRow({ org, project, env }), project_id: null }))).toMatch(
      /policies_environment_has_project|CHECK constraint/i,
    );
    expect(await refusalOf(knex('policies').insert({ ...policyRow({ org, project, env }), enforcement: 'block' }))).toMatch(
      /policies_enforcement|CHECK constraint/i,
    );
  });
});
