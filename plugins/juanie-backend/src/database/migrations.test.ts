import { Knex } from 'knex';
import { DOMAIN_TABLES } from '../testing/databaseState';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { migrationsDirectory } from './migrateDatabase';

jest.setTimeout(60_000);

const migrations = { directory: migrationsDirectory };
const ALL_TABLES = [
  ...DOMAIN_TABLES,
  'audit_events',
  'audit_chain_head',
  'deployments',
  'deployment_approvals',
  'deployment_events',
  'jobs',
  'job_locks',
  'flux_objects',
  'clusters',
];

/** One of everything, linked as the services link them. */
async function insertOneOfEverything(knex: Knex) {
  const now = new Date();
  const stamps = { created_at: now, updated_at: now };
  await knex('organizations').insert({ id: 'o1', slug: 'acme', title: 'Acme', created_by: 'user:default/carol', ...stamps });
  await knex('organization_members').insert({ organization_id: 'o1', user_ref: 'user:default/carol', role: 'owner', created_at: now });
  await knex('teams').insert({ id: 't1', organization_id: 'o1', slug: 'web', title: 'Web', ...stamps });
  await knex('team_members').insert({ team_id: 't1', user_ref: 'user:default/alice', role: 'lead', created_at: now });
  await knex('projects').insert({ id: 'p1', organization_id: 'o1', slug: 'shop', title: 'Shop', ...stamps });
  await knex('project_members').insert({ project_id: 'p1', principal_ref: 'user:default/bob', role: 'developer', created_at: now });
  await knex('team_projects').insert({ project_id: 'p1', team_id: 't1', role: 'maintainer', created_at: now });
  await knex('repositories').insert({
    id: 'r1',
    project_id: 'p1',
    provider: 'git',
    purpose: 'gitops',
    url: 'file:///srv/git/shop.git',
    status: 'pending',
    status_changed_at: now,
    created_at: now,
  });
  await knex('environments').insert({ id: 'e1', project_id: 'p1', slug: 'dev', title: 'Dev', kind: 'development', order: 0, ...stamps });
  await knex('environment_approvers').insert({ environment_id: 'e1', approver_ref: 'team:web' });
  await knex('gitops_resources').insert({ id: 'g1', environment_id: 'e1', repository_id: 'r1', branch: 'main', path: 'clusters/dev', ...stamps });
  await knex('policies').insert({
    id: 'pol1',
    organization_id: 'o1',
    project_id: 'p1',
    environment_id: 'e1',
    type: 'noLatestTag',
    params: '{}',
    enforcement: 'enforce',
    title: 'No latest',
    created_by: 'user:default/carol',
    updated_by: 'user:default/carol',
    ...stamps,
  });
  await knex('deployments').insert({
    id: 'd1',
    project_id: 'p1',
    environment_id: 'e1',
    method: 'juanie',
    requested_by: 'user:default/alice',
    message: 'Deploy 1.2.3',
    status: 'pending_approval',
    status_changed_at: now,
    ...stamps,
  });
  await knex('deployment_approvals').insert({ deployment_id: 'd1', approver_ref: 'user:default/bob', decision: 'approve', created_at: now });
  await knex('deployment_events').insert({ deployment_id: 'd1', occurred_at: now, type: 'requested', actor_ref: 'user:default/alice', message: 'Requested' });
  await knex('jobs').insert({ id: 'j1', kind: 'commit', serial_key: 'r1', payload: '{}', status: 'queued', run_after: now, ...stamps });
  await knex('job_locks').insert({ serial_key: 'r1', job_id: 'j1', locked_by: 'replica-a', locked_until: now });
  await knex('flux_objects').insert({ cluster: 'local', kind: 'Kustomization', namespace: 'flux-system', name: 'shop-dev', observed_at: now });
  await knex('clusters').insert({ name: 'local', reachable: true, checked_at: now });
  await knex('audit_events').insert({
    occurred_at: now,
    actor_ref: 'user:default/carol',
    action: 'organization.create',
    resource_type: 'organization',
    outcome: 'success',
    message: 'Created organisation acme',
    prev_hash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  });
}

async function rowCounts(knex: Knex) {
  const counts: Record<string, number> = {};
  for (const table of ALL_TABLES) {
    counts[table] = Number((await knex(table).count({ n: '*' }))[0].n);
  }
  return counts;
}

describe('the migrations', () => {
  const databases = createJuanieTestDatabases();

  it.each(databases.eachSupportedId())(
    'run up, hold data, run down to nothing and up again (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);

      await knex.migrate.latest(migrations);
      expect(await knex('audit_chain_head').select('id', 'last_hash')).toEqual([
        { id: 1, last_hash: '0'.repeat(64) },
      ]);
      await insertOneOfEverything(knex);
      expect(Object.values(await rowCounts(knex))).toEqual(ALL_TABLES.map(() => 1));

      await knex.migrate.rollback(migrations, true);
      for (const table of ALL_TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }

      await knex.migrate.latest(migrations);
      const counts = await rowCounts(knex);
      expect(counts).toEqual({
        ...Object.fromEntries(ALL_TABLES.map(table => [table, 0])),
        audit_chain_head: 1,
      });
      await insertOneOfEverything(knex);
    },
  );

  it.each(databases.eachSupportedId())(
    'keep slugs unique among live rows only, so a deleted slug can be reused (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest(migrations);
      const org = (id: string, deletedAt: Date | null) => ({
        id,
        slug: 'acme',
        title: 'Acme',
        created_by: 'user:default/carol',
        created_at: new Date(),
        updated_at: new Date(),
        deleted_at: deletedAt,
      });

      await knex('organizations').insert(org('old', new Date()));
      await knex('organizations').insert(org('live', null));

      // Matched on the message: better-sqlite3's errors may come from another realm than the
      // test's, which defeats `toThrow`.
      await expect(knex('organizations').insert(org('twin', null))).rejects.toMatchObject({
        message: expect.stringMatching(/UNIQUE constraint failed|duplicate key value/),
      });
    },
  );
});
