import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { DOMAIN_TABLES } from '../testing/databaseState';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { AuditChainVerifier } from '../audit/AuditChainVerifier';
import { computeAuditHash, GENESIS_HASH } from '../audit/auditHash';
import { AuditRow, hashContentOf } from '../audit/AuditStore';
import { migrationsDirectory } from './migrateDatabase';

jest.setTimeout(60_000);

const migrations = { directory: migrationsDirectory };
const ALL_TABLES = [
  ...DOMAIN_TABLES,
  'audit_events',
  'audit_chain_heads',
  'audit_chain_verifications',
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
  await knex('repository_claims').insert({ url: 'file:///srv/git/shop.git', organization_id: 'o1', claimed_by: 'user:default/carol', created_at: now });
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
  await knex('audit_chain_heads').insert({ chain: 'o1', last_event_id: 1, last_hash: 'f'.repeat(64) });
  await knex('audit_chain_verifications').insert({
    chain: 'o1',
    verified_at: now,
    verified_by: 'scheduler',
    held: true,
    events_checked: 1,
  });
}

/** The messages of the rows of one chain (in order) that do not link to the row before or match their hash. */
function brokenLinks(rows: AuditRow[]): string[] {
  let link = GENESIS_HASH;
  const broken: string[] = [];
  for (const row of rows) {
    if (row.prev_hash !== link || row.hash !== computeAuditHash(link, hashContentOf(row))) broken.push(row.message);
    link = row.hash;
  }
  return broken;
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
      // Each chain's head is made with its first event.
      expect(await knex('audit_chain_heads').select()).toEqual([]);
      await insertOneOfEverything(knex);
      expect(Object.values(await rowCounts(knex))).toEqual(ALL_TABLES.map(() => 1));

      await knex.migrate.rollback(migrations, true);
      for (const table of ALL_TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }

      await knex.migrate.latest(migrations);
      const counts = await rowCounts(knex);
      expect(counts).toEqual(Object.fromEntries(ALL_TABLES.map(table => [table, 0])));
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

  it.each(databases.eachSupportedId())(
    'give audit events the ids of the organisation and project that held their slugs then, down and up again without losing a row (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const ids = { ...migrations, name: '20261206_addAuditEventIds.js' };
      await knex.migrate.latest(migrations);
      await knex.migrate.down(ids);
      const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute));
      const org = (id: string, created: number, deleted: number | null) => ({
        id,
        slug: 'q',
        title: 'Q',
        created_by: 'user:default/quinn',
        created_at: at(created),
        updated_at: at(created),
        deleted_at: deleted === null ? null : at(deleted),
      });
      await knex('organizations').insert([org('old-q', 10, 20), org('new-q', 30, null)]);
      const project = (id: string, organizationId: string, created: number) => ({
        id,
        organization_id: organizationId,
        slug: 'secret',
        title: 'Secret',
        created_at: at(created),
        updated_at: at(created),
      });
      await knex('projects').insert([project('old-secret', 'old-q', 11), project('new-secret', 'new-q', 31)]);
      const event = (minute: number, projectSlug: string | null) => ({
        occurred_at: at(minute),
        actor_ref: 'user:default/quinn',
        action: 'project.update',
        resource_type: 'project',
        org: 'q',
        project: projectSlug,
        outcome: 'success',
        message: `at ${minute}`,
        prev_hash: '0'.repeat(64),
        hash: String(minute).padStart(64, '0'),
      });
      // Before any q (a refusal about an unknown slug), the old q's, after its deletion, the new q's.
      await knex('audit_events').insert([5, 12, 20, 25, 32].map(minute => event(minute, minute === 20 ? null : 'secret')));
      const rows = () =>
        knex('audit_events').orderBy('id').select('message', 'organization_id', 'project_id', 'hash');

      await knex.migrate.up(ids);
      expect(await rows()).toEqual([
        { message: 'at 5', organization_id: null, project_id: null, hash: expect.any(String) },
        { message: 'at 12', organization_id: 'old-q', project_id: 'old-secret', hash: expect.any(String) },
        { message: 'at 20', organization_id: 'old-q', project_id: null, hash: expect.any(String) },
        { message: 'at 25', organization_id: 'old-q', project_id: 'old-secret', hash: expect.any(String) },
        { message: 'at 32', organization_id: 'new-q', project_id: 'new-secret', hash: expect.any(String) },
      ]);
      const upHashes = (await rows()).map(row => row.hash);

      await knex.migrate.down(ids);
      expect(await knex.schema.hasColumn('audit_events', 'organization_id')).toBe(false);
      const kept = await knex('audit_events').orderBy('id').select('message', 'hash');
      expect(kept.map(row => row.message)).toEqual(['at 5', 'at 12', 'at 20', 'at 25', 'at 32']);
      expect(kept.map(row => row.hash)).toEqual(upHashes);

      await knex.migrate.up(ids);
      expect((await rows()).map(row => row.organization_id)).toEqual([null, 'old-q', 'old-q', 'old-q', 'new-q']);
    },
  );

  it.each(databases.eachSupportedId())(
    'split the one audit chain into one per organisation and the platform, re-linked, keeping a break made before where it was (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const chains = { ...migrations, name: '20261212_auditChainPerOrganization.js' };
      await knex.migrate.latest(migrations);
      await knex.migrate.down(chains);
      // The trail as the single chain wrote it: acme, globex and platform events interleaved.
      const owners = [null, 'acme-id', 'globex-id', 'acme-id', null, 'globex-id', 'acme-id', 'acme-id', 'globex-id'];
      let prevHash = GENESIS_HASH;
      for (const [n, organizationId] of owners.entries()) {
        const stored = {
          occurred_at: new Date(Date.UTC(2026, 11, 1, 10, n)),
          actor_ref: 'user:default/quinn',
          action: 'project.update',
          resource_type: 'project',
          resource_id: null,
          org: organizationId?.replace('-id', '') ?? null,
          project: null,
          organization_id: organizationId,
          outcome: 'success' as const,
          message: `event ${n + 1}`,
          before: null,
          after: '{"n":1}',
          request_id: null,
          ip: null,
          user_agent: null,
          prev_hash: prevHash,
        };
        const hash = computeAuditHash(prevHash, hashContentOf({ ...stored, id: n + 1, chain: '', hash: '' }));
        await knex('audit_events').insert({ ...stored, hash });
        prevHash = hash;
      }
      await knex('audit_chain_head').where({ id: 1 }).update({ last_event_id: owners.length, last_hash: prevHash });
      // Tampered before the migration: event 4 (acme's) edited in the database.
      await knex('audit_events').where({ message: 'event 4' }).update({ message: 'event 4 (edited)' });
      const ids = (await knex('audit_events').orderBy('id').pluck('id')).map(Number);
      const byMessage = async (message: string) =>
        String((await knex('audit_events').where({ message }).first('id')).id);

      await knex.migrate.up(chains);

      expect(await knex('audit_events').orderBy('id').pluck('chain')).toEqual(owners.map(owner => owner ?? 'platform'));
      // Batches of two, so the walk crosses batches.
      const verifier = new AuditChainVerifier(knex, mockServices.logger.mock(), 2);
      expect(await verifier.verify('globex-id', 'test')).toMatchObject({ held: true, checked: 3 });
      expect(await verifier.verify('platform', 'test')).toMatchObject({ held: true, checked: 2 });
      expect(await verifier.verify('acme-id', 'test')).toMatchObject({
        held: false,
        checked: 1,
        firstBroken: { id: await byMessage('event 4 (edited)') },
      });
      // The edited row kept its hash (so it stays broken, even with its message restored);
      // every other row of acme's chain links to the one before it.
      const acme = await knex('audit_events').where({ chain: 'acme-id' }).orderBy('id');
      expect(brokenLinks(acme)).toEqual(['event 4 (edited)']);
      const heads = await knex('audit_chain_heads').orderBy('chain').select('chain', 'last_event_id');
      expect(heads.map(head => [head.chain, Number(head.last_event_id)])).toEqual([
        ['acme-id', ids[7]],
        ['globex-id', ids[8]],
        ['platform', ids[4]],
      ]);

      // Down makes one chain again, in which only the edited row is broken, as before.
      await knex.migrate.down(chains);
      const rows = await knex('audit_events').orderBy('id');
      expect(brokenLinks(rows)).toEqual(['event 4 (edited)']);
      expect((await knex('audit_chain_head').first()).last_hash).toBe(rows[rows.length - 1].hash);
      await knex.migrate.up(chains);
      expect(brokenLinks(await knex('audit_events').where({ chain: 'globex-id' }).orderBy('id'))).toEqual([]);
      expect(await verifier.verify('acme-id', 'test')).toMatchObject({ held: false, checked: 1 });
    },
  );
});
