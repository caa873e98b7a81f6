import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  BareRepository,
  createBareRepository,
} from '../testing/bareRepository';
import { conditionOf, HELM_RELEASE, HelmReleaseObject } from './fluxObjects';
import { FluxSimulator } from './FluxSimulator';
import { KubeApiServer } from './KubeApiServer';
import { gitRepository, stagingKustomization } from './testing/fluxFixtures';
import { helmGitOpsFiles } from './testing/helmFixtures';

jest.setTimeout(60_000);

const RELEASE_FILE = 'apps/shop/staging/helmrelease.yaml';

describe('FluxSimulator as helm-controller, for a chart in the GitOps repository', () => {
  let repo: BareRepository;
  let server: KubeApiServer;
  let simulator: FluxSimulator;
  let cacheDir: string;
  const files = helmGitOpsFiles({
    sourceName: 'shop',
    path: 'apps/shop/staging',
  });

  const release = () =>
    server.get(
      HELM_RELEASE.apiVersion,
      HELM_RELEASE.kind,
      'flux-system',
      'web',
    ) as HelmReleaseObject;
  const push = (changes: Record<string, string | null>) =>
    repo.pushUpstream(changes);

  beforeEach(async () => {
    repo = await createBareRepository(files);
    server = new KubeApiServer();
    await server.start();
    cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'juanie-flux-helm-'));
    simulator = new FluxSimulator({
      server,
      cacheDir,
      applyDelayMs: 0,
      intervalMs: 60_000,
    });
    server.apply(gitRepository(repo.url));
    server.apply(stagingKustomization());
  });

  afterEach(async () => {
    await simulator.stop();
    await server.stop();
    await repo.cleanup();
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  /** Sources, then the Kustomization (which applies the HelmRelease), then the release. */
  const reconcile = () => simulator.reconcileNow();

  it('applies the HelmRelease the path declares and installs the chart at the source revision', async () => {
    const head = (await repo.run('rev-parse', 'main')).trim();

    await reconcile();

    const installed = release();
    expect(installed.metadata.labels).toMatchObject({
      'kustomize.toolkit.fluxcd.io/name': 'shop-staging',
      'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
    });
    const version = `0.1.0+${head.slice(0, 12)}`;
    expect(installed.status).toMatchObject({
      observedGeneration: 1,
      lastAttemptedGeneration: 1,
      lastAttemptedReleaseAction: 'install',
      lastAttemptedRevision: version,
      lastAppliedRevision: version,
      lastAttemptedConfigDigest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      helmChart: 'flux-system/flux-system-web',
      history: [
        expect.objectContaining({
          name: 'web',
          namespace: 'flux-system',
          version: 1,
          status: 'deployed',
          chartName: 'web',
          chartVersion: version,
          configDigest: installed.status?.lastAttemptedConfigDigest,
          digest: expect.stringMatching(/^sha256:/),
        }),
      ],
    });
    const message = `Helm install succeeded for release flux-system/web.v1 with chart web@${version}`;
    expect(conditionOf(installed.status, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'InstallSucceeded',
      message,
    });
    expect(conditionOf(installed.status, 'Released')).toMatchObject({
      status: 'True',
      reason: 'InstallSucceeded',
    });
    expect(conditionOf(installed.status, 'Reconciling')).toBeUndefined();
  });

  it('upgrades on a values change, superseding the release before; values the schema refuses fail the upgrade', async () => {
    await reconcile();
    const first = release().status!;

    const tagged = await push({
      [RELEASE_FILE]: files[RELEASE_FILE].replace(
        'tag: "1.2.3"',
        'tag: "1.3.0"',
      ),
    });
    await reconcile();
    await reconcile();
    const upgraded = release();
    expect(upgraded.metadata.generation).toBe(2);
    expect(upgraded.status).toMatchObject({
      observedGeneration: 2,
      lastAttemptedReleaseAction: 'upgrade',
      lastAttemptedRevision: `0.1.0+${tagged.slice(0, 12)}`,
    });
    expect(upgraded.status?.lastAttemptedConfigDigest).not.toBe(
      first.lastAttemptedConfigDigest,
    );
    expect(upgraded.status?.history?.map(s => [s.version, s.status])).toEqual([
      [2, 'deployed'],
      [1, 'superseded'],
    ]);
    expect(conditionOf(upgraded.status, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'UpgradeSucceeded',
    });

    const scaled = await push({
      [RELEASE_FILE]: files[RELEASE_FILE].replace(
        'replicaCount: 2',
        'replicaCount: 5',
      ),
    });
    await reconcile();
    await reconcile();
    const failed = release();
    const version = `0.1.0+${scaled.slice(0, 12)}`;
    expect(failed.status).toMatchObject({
      observedGeneration: 2,
      lastAttemptedGeneration: 3,
      lastAttemptedRevision: version,
      lastAppliedRevision: `0.1.0+${tagged.slice(0, 12)}`,
      upgradeFailures: 1,
    });
    expect(failed.status?.history?.map(s => [s.version, s.status])).toEqual([
      [3, 'failed'],
      [2, 'deployed'],
      [1, 'superseded'],
    ]);
    expect(conditionOf(failed.status, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'UpgradeFailed',
      message: `Helm upgrade failed for release flux-system/web.v3 with chart web@${version}: values don't meet the specifications of the schema(s) in the following chart(s):\nweb:\n- replicaCount: Must be less than or equal to 3`,
    });
    expect(conditionOf(failed.status, 'Released')).toMatchObject({
      status: 'False',
      reason: 'UpgradeFailed',
    });
  });

  it('reports a chart it cannot build (no Chart.yaml) without attempting a release', async () => {
    await reconcile();
    const before = release().status!;

    const broken = await push({ 'charts/web/Chart.yaml': null });
    await reconcile();

    const status = release().status!;
    expect(conditionOf(status, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ArtifactFailed',
      message: `HelmChart 'flux-system/flux-system-web' is not ready: chart build failed for revision main@sha1:${broken}: Chart.yaml file is missing in charts/web`,
    });
    expect(status.lastAttemptedRevision).toBe(before.lastAttemptedRevision);
    expect(status.history).toEqual(before.history);
  });

  it('changes nothing when a new revision leaves chart and values as they were (ChartVersion strategy)', async () => {
    const chartVersionFiles = {
      [RELEASE_FILE]: files[RELEASE_FILE].replace(
        '      reconcileStrategy: Revision\n',
        '',
      ),
    };
    await push(chartVersionFiles);
    await reconcile();
    await reconcile();
    const installed = release().status!;
    expect(installed.lastAttemptedRevision).toBe('0.1.0');

    await push({ 'apps/other/readme.yaml': 'note: unrelated\n' });
    await reconcile();

    expect(release().status?.history).toEqual(installed.history);
    expect(conditionOf(release().status, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'InstallSucceeded',
    });
  });
});
