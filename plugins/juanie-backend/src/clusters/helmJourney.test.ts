import os from 'node:os';
import path from 'node:path';
import { DeploymentFixture, startDeploymentFixture } from '../deployments/testing/deploymentFixture';
import { eventually } from '../testing/eventually';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { HELM_RELEASE, HelmReleaseObject } from '@juanie/plugin-juanie-backend-module-dev';
import { FluxSimulator } from '@juanie/plugin-juanie-backend-module-dev';
import { KubeApiServer } from '@juanie/plugin-juanie-backend-module-dev';
import { helmGitOpsFiles } from '@juanie/plugin-juanie-backend-module-dev';

jest.setTimeout(180_000);

const STAGING = '/orgs/acme/projects/shop/environments/staging';
const RELEASE_FILE = 'apps/shop/staging/helmrelease.yaml';

describe('deployments to an environment mapped to a HelmRelease, followed through helm-controller', () => {
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
      cacheDir: path.join(os.tmpdir(), `juanie-helm-sim-${process.pid}-${id}-${Date.now()}`),
      intervalMs: 200,
      applyDelayMs: 200,
    });
    await simulator.seedFluxSystem();
    await simulator.start();
    fixture = await startDeploymentFixture(await databases.init(id), {
      cacheName: `helm-${id}-${Date.now()}`,
      juanie: { clusters: [{ name: 'test', url, tenants: [{ organization: 'acme', namespaces: ['shop-*'] }] }] },
      flux: { staging: { kind: 'HelmRelease', namespace: 'shop-staging', name: 'web' } },
    });
    return fixture;
  }

  const gitopsOf = async (client: DeploymentFixture['carol']) =>
    (await client.get('/orgs/acme/projects/shop/gitops').expect(200)).body.items[0];
  const releaseInCluster = () => api.get(HELM_RELEASE.apiVersion, HELM_RELEASE.kind, 'shop-staging', 'web') as HelmReleaseObject;

  it.each(databases.eachSupportedId())(
    'request → approve → commit → upgrade → succeeded; values the chart refuses fail with Helm\'s message; a push by hand is recorded; a missing chart fails (%p)',
    async id => {
      const { carol, alice, bob, repo, settled } = await start(id);

      // Juanie's objects in shop-staging (named after the environment's id); the chart sits in
      // the GitOps repository, and its HelmRelease names the GitRepository and the
      // ServiceAccount Juanie created, as a tenant's release must on a locked-down cluster.
      const { body: applied } = await carol.put(`${STAGING}/gitops/flux`).expect(200);
      const name = applied.items[0].metadata.name;
      const head = await repo.pushUpstream(
        {
          ...helmGitOpsFiles({ sourceName: name, path: 'apps/shop/staging', namespace: null, serviceAccountName: name }),
          'apps/shop/staging/deployment.yaml': null,
        },
        'Release the storefront with its chart',
      );
      const installed = await eventually(() => gitopsOf(carol), s => s.workload?.state === 'Ready', 60_000);
      expect(installed).toMatchObject({
        environment: 'staging',
        workload: {
          kind: 'HelmRelease',
          namespace: 'shop-staging',
          name: 'web',
          lastAppliedRevision: `0.1.0+${head.slice(0, 12)}`,
          current: true,
          message: `Helm install succeeded for release shop-staging/web.v1 with chart web@0.1.0+${head.slice(0, 12)}`,
        },
        source: { kind: 'GitRepository', namespace: 'shop-staging', name, state: 'Ready' },
      });

      // A new image tag, in the HelmRelease's values.
      const { body: requested } = await alice.post(`${STAGING}/deployments`, { changes: { image: { tag: '1.3.0' } } }).expect(201);
      await bob.post(`/deployments/${requested.id}/approvals`, { decision: 'approve' }).expect(200);
      const succeeded = await settled(requested.id, ['succeeded', 'failed']);
      const version = `0.1.0+${succeeded.commitSha.slice(0, 12)}`;
      expect(succeeded).toMatchObject({
        status: 'succeeded',
        statusReason: 'UpgradeSucceeded',
        statusMessage: `Helm upgrade succeeded for release shop-staging/web.v2 with chart web@${version}`,
      });
      expect(succeeded.timeline.map((e: { status: string | null }) => e.status).filter(Boolean)).toEqual([
        'pending_approval',
        'queued',
        'committing',
        'committed',
        'reconciling',
        'succeeded',
      ]);
      expect(releaseInCluster().spec?.values).toMatchObject({ image: { tag: '1.3.0' }, replicaCount: 2 });
      expect(releaseInCluster().status?.history?.map(s => [s.version, s.status, s.chartVersion])).toEqual([
        [2, 'deployed', version],
        [1, 'superseded', `0.1.0+${head.slice(0, 12)}`],
      ]);

      // Five replicas: the chart's values.schema.json allows three, so the upgrade fails.
      const { body: broken } = await alice.post(`${STAGING}/deployments`, { changes: { replicas: 5 } }).expect(201);
      await bob.post(`/deployments/${broken.id}/approvals`, { decision: 'approve' }).expect(200);
      const failed = await settled(broken.id, ['succeeded', 'failed']);
      expect(failed).toMatchObject({
        status: 'failed',
        statusReason: 'UpgradeFailed',
        statusMessage: expect.stringContaining(
          `Helm upgrade failed for release shop-staging/web.v3 with chart web@0.1.0+${failed.commitSha.slice(0, 12)}: values don't meet the specifications of the schema(s) in the following chart(s):\nweb:\n- replicaCount: Must be less than or equal to 3`,
        ),
      });
      expect((await gitopsOf(carol)).workload).toMatchObject({ state: 'Failed', lastAttemptedRevision: `0.1.0+${failed.commitSha.slice(0, 12)}` });

      // Someone fixes it by hand: the release it makes is recorded as a `git` deployment.
      const release = await repo.run('show', `main:${RELEASE_FILE}`);
      const pushed = await repo.pushUpstream({ [RELEASE_FILE]: release.replace('replicaCount: 5', 'replicaCount: 3') }, 'Three replicas is the most');
      const { body: history } = await eventually(
        () => carol.get('/orgs/acme/projects/shop/deployments?status=succeeded').expect(200),
        res => res.body.items.some((d: { commitSha: string }) => d.commitSha === pushed),
        60_000,
      );
      expect(history.items.find((d: { commitSha: string }) => d.commitSha === pushed)).toMatchObject({
        method: 'git',
        message: 'Three replicas is the most',
      });
      expect(releaseInCluster().status?.history?.[0]).toMatchObject({ version: 4, status: 'deployed' });

      // The chart is removed by hand: the next deployment fails with the chart's error.
      await repo.pushUpstream({ 'charts/web/Chart.yaml': null }, 'Remove the chart by mistake');
      const { body: chartless } = await alice.post(`${STAGING}/deployments`, { changes: { image: { tag: '1.4.0' } } }).expect(201);
      await bob.post(`/deployments/${chartless.id}/approvals`, { decision: 'approve' }).expect(200);
      const noChart = await settled(chartless.id, ['succeeded', 'failed']);
      expect(noChart).toMatchObject({
        status: 'failed',
        statusReason: 'ArtifactFailed',
        statusMessage: `HelmChart 'shop-staging/shop-staging-web' is not ready: chart build failed for revision main@sha1:${noChart.commitSha}: Chart.yaml file is missing in charts/web`,
      });
    },
  );
});
