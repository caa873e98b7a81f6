import os from 'node:os';
import path from 'node:path';
import { DeploymentFixture, STAGING_DEPLOYMENT, startDeploymentFixture } from '../deployments/testing/deploymentFixture';
import { eventually } from '../testing/eventually';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { FluxSimulator } from '@juanie/plugin-juanie-backend-module-dev';
import { KubeApiServer } from '@juanie/plugin-juanie-backend-module-dev';

jest.setTimeout(180_000);

const STAGING = '/orgs/acme/projects/shop/environments/staging';

describe('deployments followed through Flux on the simulated cluster', () => {
  const databases = createJuanieTestDatabases();
  let api: KubeApiServer;
  let simulator: FluxSimulator;
  let fixture: DeploymentFixture | undefined;

  afterEach(async () => {
    await fixture?.backend.stop();
    await simulator?.stop();
    await api?.stop();
    await fixture?.repo.cleanup();
    fixture = undefined;
  });

  async function start(id: Parameters<typeof databases.init>[0]) {
    api = new KubeApiServer({ bookmarkIntervalMs: 500 });
    const url = await api.start();
    simulator = new FluxSimulator({
      server: api,
      cacheDir: path.join(os.tmpdir(), `juanie-flux-sim-${process.pid}-${id}-${Date.now()}`),
      intervalMs: 200,
      applyDelayMs: 200,
    });
    await simulator.seedFluxSystem();
    await simulator.start();
    fixture = await startDeploymentFixture(await databases.init(id), {
      cacheName: `flux-${id}-${Date.now()}`,
      juanie: { clusters: [{ name: 'test', url, tenants: [{ organization: 'acme', namespaces: ['shop-*'] }] }] },
    });
    return fixture;
  }

  const gitopsOf = async (client: DeploymentFixture['carol']) =>
    (await client.get('/orgs/acme/projects/shop/gitops').expect(200)).body.items[0];

  it.each(databases.eachSupportedId())(
    'request → approve → commit → reconcile → succeeded; a failing revision fails; a direct push is recorded (%p)',
    async id => {
      const { carol, alice, bob, repo, settled } = await start(id);
      const head = (await repo.run('rev-parse', 'main')).trim();

      // Juanie creates the environment's objects in its namespace (server-side apply): a
      // ServiceAccount, its RoleBinding to `admin` there, a GitRepository and a Kustomization
      // acting as the account, all named after the environment's id.
      await alice.put(`${STAGING}/gitops/flux`).expect(403);
      const applied = await carol.put(`${STAGING}/gitops/flux`);
      expect(applied.body.error?.message).toBeUndefined();
      expect(applied.status).toBe(200);
      const name = applied.body.items[0].metadata.name;
      expect(name).toMatch(/^juanie-[0-9a-f-]{36}$/);
      expect(applied.body.items.map((o: { kind: string; metadata: { namespace: string; name: string } }) => [o.kind, o.metadata.namespace, o.metadata.name])).toEqual([
        ['ServiceAccount', 'shop-staging', name],
        ['RoleBinding', 'shop-staging', name],
        ['GitRepository', 'shop-staging', name],
        ['Kustomization', 'shop-staging', name],
      ]);
      expect(api.get('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'shop-staging', name)).toMatchObject({
        spec: { serviceAccountName: name, sourceRef: { kind: 'GitRepository', name }, targetNamespace: 'shop-staging' },
      });
      expect(api.get('rbac.authorization.k8s.io/v1', 'RoleBinding', 'shop-staging', name)).toMatchObject({
        roleRef: { kind: 'ClusterRole', name: 'admin' },
        subjects: [{ kind: 'ServiceAccount', name, namespace: 'shop-staging' }],
      });
      expect(api.list('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system')).toEqual([]);
      const ready = await eventually(() => gitopsOf(carol), s => s.workload?.state === 'Ready', 60_000);
      expect(ready).toMatchObject({
        environment: 'staging',
        cluster: 'test',
        workload: { kind: 'Kustomization', namespace: 'shop-staging', lastAppliedRevision: `main@sha1:${head}`, lastAppliedCommit: head },
        source: { kind: 'GitRepository', state: 'Ready' },
        canOperate: true,
      });

      const { body: requested } = await alice.post(`${STAGING}/deployments`, { changes: { image: { tag: '1.3.0' } } }).expect(201);
      await bob.post(`/deployments/${requested.id}/approvals`, { decision: 'approve' }).expect(200);
      const succeeded = await settled(requested.id, ['succeeded', 'failed']);
      expect(succeeded.status).toBe('succeeded');
      expect(succeeded.timeline.map((e: { status: string | null }) => e.status).filter(Boolean)).toEqual([
        'pending_approval',
        'queued',
        'committing',
        'committed',
        'reconciling',
        'succeeded',
      ]);

      // Suspend, so the next commit waits for us to tell the simulator it fails its health check.
      await carol.post(`${STAGING}/gitops/suspend`).expect(200);
      await eventually(() => gitopsOf(carol), s => s.workload?.state === 'Suspended');
      const { body: failing } = await alice.post(`${STAGING}/deployments`, { changes: { replicas: 4 } }).expect(201);
      await bob.post(`/deployments/${failing.id}/approvals`, { decision: 'approve' }).expect(200);
      const committed = await settled(failing.id, ['committed', 'failed']);
      simulator.failRevision(committed.commitSha, { reason: 'HealthCheckFailed', message: 'Deployment/web: 0/4 replicas ready' });
      await carol.post(`${STAGING}/gitops/resume`).expect(200);
      const failed = await settled(failing.id, ['succeeded', 'failed']);
      expect(failed).toMatchObject({
        status: 'failed',
        statusReason: 'HealthCheckFailed',
        statusMessage: expect.stringContaining('0/4 replicas ready'),
      });

      // The maintainers hear of the failing environment once, not on every retry.
      await carol.post(`${STAGING}/gitops/reconcile`).expect(200);
      const alerts = await eventually(
        async () => fixture!.backend.notifications.filter(n => n.payload.title.startsWith('shop/staging is failing')),
        found => found.length > 0,
      );
      expect(alerts).toHaveLength(1);
      expect(alerts[0].recipients).toEqual({
        type: 'entity',
        entityRef: expect.arrayContaining(['user:default/bob', 'user:default/carol']),
      });

      // A commit pushed straight to the branch becomes a `git` deployment once Flux applies it.
      simulator.clearFailures();
      const pushed = await repo.pushUpstream(
        { 'apps/shop/staging/deployment.yaml': STAGING_DEPLOYMENT.replace('replicas: 2', 'replicas: 6') },
        'Scale staging by hand',
      );
      const { body: history } = await eventually(
        () => carol.get('/orgs/acme/projects/shop/deployments?status=succeeded').expect(200),
        res => res.body.items.some((d: { commitSha: string }) => d.commitSha === pushed),
        60_000,
      );
      const byHand = history.items.filter((d: { method: string }) => d.method === 'git');
      expect(byHand.map((d: { commitSha: string }) => d.commitSha)).toEqual([pushed, head]);
      expect(byHand[0]).toMatchObject({ requestedBy: 'git:Upstream Person <upstream@example.com>', message: 'Scale staging by hand' });

      expect(fixture!.backend.notifications.filter(n => n.payload.title.startsWith('shop/staging is failing'))).toHaveLength(1);
      const { body: clusters } = await carol.get('/clusters').expect(200);
      expect(clusters.items).toEqual([
        expect.objectContaining({
          name: 'test',
          reachable: true,
          flux: expect.objectContaining({ healthy: true }),
          objects: { GitRepository: 1, Kustomization: 1 },
        }),
      ]);
    },
  );
});
