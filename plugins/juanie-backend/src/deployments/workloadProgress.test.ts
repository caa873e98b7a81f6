import { FluxObjectRecord } from '../clusters/FluxObjectStore';
import { commitOfChartVersion, workloadProgress } from './workloadProgress';

const SHA = 'a'.repeat(40);
const NEXT = 'b'.repeat(40);
const DIGEST = `sha256:${'c'.repeat(64)}`;

function helmRelease(overrides: Partial<FluxObjectRecord> = {}): FluxObjectRecord {
  return {
    cluster: 'local',
    kind: 'HelmRelease',
    namespace: 'flux-system',
    name: 'web',
    resourceVersion: '7',
    generation: 2,
    observedGeneration: 2,
    environmentLabel: null,
    environmentId: null,
    suspended: false,
    conditions: [],
    readyStatus: 'True',
    readyReason: 'UpgradeSucceeded',
    readyMessage: 'Helm upgrade succeeded',
    lastAppliedRevision: `0.1.0+${SHA.slice(0, 12)}`,
    lastAttemptedRevision: `0.1.0+${SHA.slice(0, 12)}`,
    artifactRevision: null,
    lastHandledReconcileAt: null,
    source: { kind: 'GitRepository', namespace: 'flux-system', name: 'shop' },
    lastAppliedChangedAt: null,
    observedAt: new Date().toISOString(),
    deleted: false,
    readyObservedGeneration: 2,
    lastAttemptedGeneration: 2,
    lastAttemptedConfigDigest: DIGEST,
    release: { status: 'deployed', chartVersion: `0.1.0+${SHA.slice(0, 12)}`, configDigest: DIGEST, digest: 'sha256:d' },
    appliedBy: { namespace: 'flux-system', name: 'shop-staging' },
    ...overrides,
  };
}

const applier = (revision: string) => ({ ...helmRelease(), kind: 'Kustomization', lastAppliedRevision: revision });

describe('what a HelmRelease status says about commits', () => {
  it('reads the commit source-controller puts in a chart version built at a git revision', () => {
    expect(commitOfChartVersion(`1.2.3+${SHA.slice(0, 12)}`)).toBe(SHA.slice(0, 12));
    expect(commitOfChartVersion('1.2.3')).toBeNull();
    expect(commitOfChartVersion('1.2.3+build.7')).toBeNull();
    expect(commitOfChartVersion(null)).toBeNull();
  });

  it.each([
    ['released on the current generation', {}, { healthy: true, failing: false, applied: SHA.slice(0, 12) }],
    ['a spec not yet observed', { observedGeneration: 1 }, { healthy: false }],
    ['a generation not yet attempted', { lastAttemptedGeneration: 1 }, { healthy: false }],
    ['values attempted but not released', { lastAttemptedConfigDigest: 'sha256:other' }, { healthy: false }],
    [
      'the newest release failed',
      { readyStatus: 'False', readyReason: 'UpgradeFailed', release: { status: 'failed', chartVersion: `0.1.0+${NEXT.slice(0, 12)}`, configDigest: DIGEST, digest: null }, lastAttemptedRevision: `0.1.0+${NEXT.slice(0, 12)}` },
      { healthy: false, failing: true, attempted: NEXT.slice(0, 12), applied: null },
    ],
    [
      'Stalled, with Ready still True from before',
      { conditions: [{ type: 'Stalled', status: 'True' as const, reason: 'RetriesExceeded', message: null, lastTransitionTime: null }] },
      { healthy: false, failing: true },
    ],
    ['a failure of an older generation', { readyStatus: 'False', lastAttemptedGeneration: 1 }, { failing: false }],
    ['a Ready condition of an older generation', { readyObservedGeneration: 1 }, { healthy: false }],
  ])('%s', (_name, overrides, expected) => {
    expect(workloadProgress(helmRelease(overrides), { applier: applier(`main@sha1:${SHA}`) })).toMatchObject(expected);
  });

  it('takes the revision the current spec came from as what failed when no chart could be built', () => {
    const source = { ...helmRelease(), kind: 'GitRepository', artifactRevision: `main@sha1:${NEXT}` };
    const noChart = { readyStatus: 'False', readyReason: 'ArtifactFailed', generation: 3, readyObservedGeneration: 3 };
    expect(workloadProgress(helmRelease(noChart), { source, applier: applier(`main@sha1:${SHA}`) })).toMatchObject({
      failing: true,
      attempted: SHA,
    });
    expect(workloadProgress(helmRelease(noChart), { source })).toMatchObject({ failing: true, attempted: NEXT });
    // The failure of the spec before this one says nothing about the commit being applied.
    expect(workloadProgress(helmRelease({ ...noChart, readyObservedGeneration: 2 }), { source })).toMatchObject({ failing: false });
  });

  it('ties a release to the applying Kustomization when the chart version carries no commit', () => {
    const chartVersion = helmRelease({
      lastAttemptedRevision: '0.1.0',
      release: { status: 'deployed', chartVersion: '0.1.0', configDigest: DIGEST, digest: null },
    });
    expect(workloadProgress(chartVersion, { applier: applier(`main@sha1:${NEXT}`) })).toMatchObject({
      healthy: true,
      attempted: NEXT,
      applied: NEXT,
      delivered: NEXT,
      appliedCommit: NEXT,
    });
  });
});
