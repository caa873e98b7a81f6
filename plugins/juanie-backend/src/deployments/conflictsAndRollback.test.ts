import { startJuanieTestBackend } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { DeploymentFixture, STAGING_DEPLOYMENT, startDeploymentFixture } from './testing/deploymentFixture';

jest.setTimeout(120_000);

const STAGING = '/orgs/acme/projects/shop/environments/staging/deployments';
const FILE = 'apps/shop/staging/deployment.yaml';

describe('conflicts, rollback and expiry', () => {
  const databases = createJuanieTestDatabases();
  let fixture: DeploymentFixture | undefined;

  afterEach(async () => {
    await fixture?.backend.stop();
    await fixture?.repo.cleanup();
    fixture = undefined;
  });

  async function start(id: Parameters<typeof databases.init>[0], name: string) {
    const knex = await databases.init(id);
    fixture = await startDeploymentFixture(knex, { cacheName: `${name}-${id}` });
    return { knex, ...fixture };
  }

  it.each(databases.eachSupportedId())(
    'the same field changed upstream fails the deployment with path, base, theirs and yours (%p)',
    async id => {
      const { alice, bob, repo, settled } = await start(id, 'conflict');
      const { body } = await alice.post(STAGING, { changes: { image: { tag: '1.3.0' } } }).expect(201);
      await repo.pushUpstream({ [FILE]: STAGING_DEPLOYMENT.replace('shop:1.2.3', 'shop:1.2.4-hotfix') });
      await bob.post(`/deployments/${body.id}/approvals`, { decision: 'approve' }).expect(200);

      const failed = await settled(body.id, ['committed', 'failed']);
      expect(failed).toMatchObject({ status: 'failed', statusReason: 'Conflict', commitSha: null });
      expect(failed.conflicts).toEqual([
        expect.objectContaining({
          file: 'deployment.yaml',
          path: expect.stringContaining('image'),
          base: 'ghcr.io/acme/shop:1.2.3',
          theirs: 'ghcr.io/acme/shop:1.2.4-hotfix',
          yours: 'ghcr.io/acme/shop:1.3.0',
        }),
      ]);
      expect((await repo.run('log', '-1', '--format=%s', 'main')).trim()).toBe('Upstream change');
    },
  );

  it.each(databases.eachSupportedId())(
    'another field changed upstream merges cleanly (%p)',
    async id => {
      const { alice, bob, repo, settled } = await start(id, 'merge');
      const { body } = await alice.post(STAGING, { changes: { replicas: 3 } }).expect(201);
      await repo.pushUpstream({ [FILE]: STAGING_DEPLOYMENT.replace('shop:1.2.3', 'shop:1.2.4-hotfix') });
      await bob.post(`/deployments/${body.id}/approvals`, { decision: 'approve' }).expect(200);

      const committed = await settled(body.id, ['committed', 'failed']);
      expect(committed.status).toBe('committed');
      expect(await repo.run('show', `${committed.commitSha}:${FILE}`)).toBe(
        STAGING_DEPLOYMENT.replace('shop:1.2.3', 'shop:1.2.4-hotfix').replace('replicas: 2 #', 'replicas: 3 #'),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'a rollback restores the files of an earlier deployment, through the same gate (%p)',
    async id => {
      const { alice, bob, dave, repo, settled } = await start(id, 'rollback');
      const deploy = async (tag: string) => {
        const { body } = await alice.post(STAGING, { changes: { image: { tag } } }).expect(201);
        await bob.post(`/deployments/${body.id}/approvals`, { decision: 'approve' }).expect(200);
        return settled(body.id, ['committed', 'failed']);
      };
      const first = await deploy('1.3.0');
      await deploy('1.4.0');
      expect(first.allowedActions).toBeDefined();
      await dave.post(`/deployments/${first.id}/rollback`, {}).expect(403);

      const { body: rollback } = await alice.post(`/deployments/${first.id}/rollback`, {}).expect(201);
      expect(rollback).toMatchObject({ method: 'rollback', rollbackOf: first.id, status: 'pending_approval' });
      const { body: preview } = await alice.get(`/deployments/${rollback.id}/diff`).expect(200);
      expect(preview.diff).toContain('+          image: ghcr.io/acme/shop:1.3.0');
      await bob.post(`/deployments/${rollback.id}/approvals`, { decision: 'approve' }).expect(200);

      const restored = await settled(rollback.id, ['committed', 'failed']);
      expect(restored.status).toBe('committed');
      expect(await repo.run('show', `${restored.commitSha}:${FILE}`)).toBe(
        await repo.run('show', `${first.commitSha}:${FILE}`),
      );
      await alice.post(`/deployments/${rollback.id}/cancel`, {}).expect(409);
    },
  );

  it.each(databases.eachSupportedId())(
    'the scheduled task expires requests nobody decided on in time (%p)',
    async id => {
      const { knex, alice, bob, settled } = await start(id, 'expiry');
      const { body } = await alice.post(STAGING, { changes: { replicas: 3 } }).expect(201);
      expect(Date.parse(body.expiresAt) - Date.parse(body.createdAt)).toBe(3 * 24 * 3600 * 1000);
      await knex('deployments').where({ id: body.id }).update({ expires_at: new Date(Date.now() - 1000) });

      // The test scheduler runs tasks when a backend starts: a second replica's run expires it.
      const replica = await startJuanieTestBackend(knex, { juanie: { platformAdmins: [], jobs: { enabled: false } } });
      try {
        const expired = await settled(body.id, ['expired']);
        expect(expired.timeline.at(-1)).toMatchObject({ type: 'expired', actorRef: 'plugin:juanie/scheduler' });
        await bob.post(`/deployments/${body.id}/approvals`, { decision: 'approve' }).expect(409);
        const jobs = await knex('jobs').where({ kind: 'notify' }).select('payload');
        expect(jobs.map(job => JSON.parse(job.payload).title)).toContain('Your deployment to staging expired');
      } finally {
        await replica.stop();
      }
    },
  );
});
