import { Knex } from 'knex';
import { startJuanieTestBackend } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { DeploymentFixture, startDeploymentFixture } from './testing/deploymentFixture';

jest.setTimeout(120_000);

const ENVS = '/orgs/acme/projects/shop/environments';
const STAGING = `${ENVS}/staging/deployments`;
const DEV = `${ENVS}/dev/deployments`;

/** Commits on main of the fixture's repository that carry the deployment's id. */
async function commitsOf(fixture: DeploymentFixture, deploymentId: string): Promise<string[]> {
  const log = await fixture.repo.run('log', '--format=%H', `--grep=Juanie-Deployment-Id: ${deploymentId}`, 'main');
  return log.split('\n').filter(Boolean);
}

/** A one-off freeze window around now, in UTC. */
function freezeAroundNow() {
  const at = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString().slice(0, 16);
  return { timeZone: 'UTC', start: at(-24), end: at(24) };
}

/** Issue 12, rule 5: the approval gate and the policies hold up to the commit. */
describe('the gate holds', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let fixture: DeploymentFixture;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      fixture = await startDeploymentFixture(knex, { environments: ['staging', 'dev'], cacheName: `gate-${databaseId}` });
    });

    afterAll(async () => {
      await fixture.backend.stop();
      await fixture.repo.cleanup();
    });

    it('changes.patch setting image: busybox:latest passed the enforced noLatestTag policy: now refused (422)', async () => {
      const { carol, alice } = fixture;
      const { body: policy } = await carol
        .post('/policies', { scope: { org: 'acme' }, title: 'No latest', type: 'noLatestTag', params: {}, enforcement: 'enforce' })
        .expect(201);
      const patch = { spec: { template: { spec: { containers: [{ name: 'web', image: 'busybox:latest' }] } } } };

      const preview = await alice.post(`${STAGING}/preview`, { changes: { patch } }).expect(200);
      expect(preview.body).toMatchObject({ enforced: true, violations: [expect.objectContaining({ rule: 'noLatestTag' })] });
      const refused = await alice.post(STAGING, { changes: { patch } });
      expect(refused.status).toBe(422);
      expect(refused.body.violations).toEqual([
        expect.objectContaining({ rule: 'noLatestTag', enforcement: 'enforce', file: 'deployment.yaml', message: expect.stringMatching(/busybox:latest/) }),
      ]);
      const initPatch = { spec: { template: { spec: { initContainers: [{ name: 'migrate', image: 'busybox' }] } } } };
      expect((await alice.post(STAGING, { changes: { patch: initPatch } })).status).toBe(422);
      expect((await alice.get('/orgs/acme/projects/shop/deployments').expect(200)).body.items).toEqual([]);
      await carol.delete(`/policies/${policy.id}`).expect(204);
    });

    it('a vote arriving after expiresAt, before the sweeper ran, counted: now refused (409) and the deployment expires', async () => {
      const { alice, bob, carol } = fixture;
      const { body: requested } = await alice.post(STAGING, { changes: { replicas: 3 } }).expect(201);
      expect(requested.status).toBe('pending_approval');
      // Time passes beyond expiresAt; the sweeper (a scheduled task the test never runs) has not run.
      await knex('deployments').where({ id: requested.id }).update({ expires_at: new Date(Date.now() - 60_000) });

      const late = await bob.post(`/deployments/${requested.id}/approvals`, { decision: 'approve' });
      expect(late.status).toBe(409);
      expect(late.body.error.message).toMatch(/expired/);
      const { body: after } = await carol.get(`/deployments/${requested.id}`).expect(200);
      expect(after).toMatchObject({ status: 'expired', statusReason: 'Expired' });
      expect(after.timeline.filter((event: { type: string }) => event.type === 'approved')).toEqual([]);
      expect(await commitsOf(fixture, requested.id)).toEqual([]);
    });

    it('archived projects accepted a deployment: now requests, previews and rollbacks are refused (409)', async () => {
      const { alice, carol, settled } = fixture;
      const { body: first } = await alice.post(DEV, { changes: { replicas: 4 } }).expect(201);
      expect((await settled(first.id, ['committed', 'succeeded', 'failed'])).status).not.toBe('failed');
      await carol.patch('/orgs/acme/projects/shop', { archived: true }).expect(200);

      const request = await alice.post(DEV, { changes: { replicas: 5 } });
      expect(request.status).toBe(409);
      expect(request.body.error.message).toBe('Project shop is archived; unarchive it to deploy');
      expect((await alice.post(`${DEV}/preview`, { changes: { replicas: 5 } })).status).toBe(409);
      const rollback = await alice.post(`/deployments/${first.id}/rollback`, {});
      expect(rollback.status).toBe(409);
      expect(rollback.body.error.message).toMatch(/archived/);
      const { body: list } = await alice.get('/orgs/acme/projects/shop/deployments').expect(200);
      expect(list.items.map((d: { id: string }) => d.id)).not.toContain(rollback.body.id);

      await carol.patch('/orgs/acme/projects/shop', { archived: false }).expect(200);
      expect((await alice.post(`${DEV}/preview`, { changes: { replicas: 5 } })).status).toBe(200);
    });
  });

  describe.each(databases.eachSupportedId())('on %s, with the commit job held back', databaseId => {
    let fixture: DeploymentFixture | undefined;
    let replica: Awaited<ReturnType<typeof startJuanieTestBackend>> | undefined;

    afterEach(async () => {
      await replica?.stop();
      await fixture?.backend.stop();
      await fixture?.repo.cleanup();
    });

    it('policies and freeze windows are not evaluated again before the commit: now a freeze window that started after approval fails it with PolicyViolation, and nothing is committed', async () => {
      const knex = await databases.init(databaseId);
      fixture = await startDeploymentFixture(knex, { cacheName: `gate-commit-${databaseId}`, juanie: { jobs: { enabled: false } } });
      const { alice, bob, carol } = fixture;
      const { body: requested } = await alice.post(STAGING, { changes: { replicas: 5 } }).expect(201);
      await bob.post(`/deployments/${requested.id}/approvals`, { decision: 'approve' }).expect(200);
      expect((await carol.get(`/deployments/${requested.id}`)).body.status).toBe('queued');

      await carol
        .post('/policies', { scope: { org: 'acme' }, title: 'Year-end freeze', type: 'freezeWindow', params: freezeAroundNow(), enforcement: 'enforce' })
        .expect(201);
      // A replica that runs jobs starts on the same database and picks the commit job up.
      replica = await startJuanieTestBackend(knex, {
        juanie: { platformAdmins: [], jobs: { pollIntervalMs: 100 }, gitops: { cacheDir: `${fixture.repo.url.slice(7)}-replica-${databaseId}` } },
      });

      const failed = await fixture.settled(requested.id, ['committed', 'failed']);
      expect(failed).toMatchObject({ status: 'failed', statusReason: 'PolicyViolation' });
      expect(failed.statusMessage).toMatch(/Year-end freeze \(freezeWindow\)/);
      expect(await commitsOf(fixture, requested.id)).toEqual([]);
    });
  });
});
