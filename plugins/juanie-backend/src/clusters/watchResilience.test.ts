import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeploymentFixture, STAGING_DEPLOYMENT, startDeploymentFixture } from '../deployments/testing/deploymentFixture';
import { eventually } from '../testing/eventually';
import { startJuanieTestBackend } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { FluxSimulator } from '@juanie/plugin-juanie-backend-module-dev';
import { KubeApiServer } from '@juanie/plugin-juanie-backend-module-dev';

jest.setTimeout(240_000);

describe('watching through a misbehaving API server, with two replicas', () => {
  const databases = createJuanieTestDatabases();
  let api: KubeApiServer;
  let simulator: FluxSimulator;
  let fixture: DeploymentFixture | undefined;
  let replica: Awaited<ReturnType<typeof startJuanieTestBackend>> | undefined;

  afterEach(async () => {
    await replica?.stop();
    await fixture?.backend.stop();
    await simulator?.stop();
    await api?.stop();
    await fixture?.repo.cleanup();
    fixture = undefined;
    replica = undefined;
  });

  it.each(databases.eachSupportedId())(
    'dropped watches, 410 Gone, a restart and slow answers: the final state is seen, no commit is recorded twice (%p)',
    async id => {
      api = new KubeApiServer({ bookmarkIntervalMs: 300 });
      const url = await api.start();
      simulator = new FluxSimulator({
        server: api,
        cacheDir: path.join(os.tmpdir(), `juanie-flux-resilience-${process.pid}-${id}-${Date.now()}`),
        intervalMs: 150,
        applyDelayMs: 50,
      });
      await simulator.seedFluxSystem();
      await simulator.start();
      const knex = await databases.init(id);
      const clusters = [{ name: 'test', url, tenants: [{ organization: 'acme', namespaces: ['shop-*'] }] }];
      fixture = await startDeploymentFixture(knex, { cacheName: `resilience-${id}-${Date.now()}`, juanie: { clusters } });
      replica = await startJuanieTestBackend(knex, {
        juanie: { platformAdmins: [], clusters, gitops: { cacheDir: `${fixture.repo.url.slice(7)}-replica-b` } },
      });
      const { carol, repo } = fixture;
      await carol.put('/orgs/acme/projects/shop/environments/staging/gitops/flux').expect(200);

      const faults = [
        () => api.dropWatches(),
        () => api.compact(),
        () => api.restart(),
        () => api.setLatency(400),
        () => api.setLatency(0),
        () => api.failNext(3, 503),
      ];
      const pushed: string[] = [];
      for (const [i, fault] of faults.entries()) {
        pushed.push(
          await repo.pushUpstream({
            'apps/shop/staging/deployment.yaml': STAGING_DEPLOYMENT.replace('replicas: 2', `replicas: ${i + 3}`),
          }),
        );
        await fault();
        await sleep(300);
      }

      const last = pushed[pushed.length - 1];
      const status = await eventually(
        async () => (await carol.get('/orgs/acme/projects/shop/gitops').expect(200)).body.items[0],
        s => s.workload?.lastAppliedCommit === last && s.workload.state === 'Ready',
        120_000,
      );
      expect(status.workload.lastAppliedRevision).toBe(`main@sha1:${last}`);

      // The follower records the commit right after the status lands; give it a moment.
      const rows = await eventually(
        () => knex('deployments').where({ method: 'git' }).select('commit_sha'),
        found => found.some(row => row.commit_sha === last),
        30_000,
      );
      const shas = rows.map(row => row.commit_sha);
      expect(new Set(shas).size).toBe(shas.length);
      expect(shas).toContain(last);
      const known = new Set([...pushed, (await repo.run('rev-list', '--max-parents=0', 'main')).trim()]);
      expect(shas.filter(sha => !known.has(sha))).toEqual([]);
      // Each watcher records reachability as it reconnects; one still backing off after the
      // injected 503s may have the last word for a moment.
      const cluster = await eventually(
        async () => (await carol.get('/clusters').expect(200)).body.items[0],
        found => found.reachable === true,
        60_000,
      );
      expect(cluster).toMatchObject({ name: 'test', reachable: true });
    },
  );
});
