import { commitOfRevision } from '../clusters/fluxKinds';
import { FluxObjectRecord } from '../clusters/FluxObjectStore';

/** Objects whose status helps read a workload's: its source, and the Kustomization that applied it. */
export interface RelatedObjects {
  source?: FluxObjectRecord;
  applier?: FluxObjectRecord;
}

/**
 * What a workload's status says about the commits of its repository: the commit it last
 * attempted and the one it runs (full shas, or the 12-character prefix a chart version
 * carries), whether it is healthy on its current spec or failing, and the commit whose
 * manifests the cluster holds (`delivered`, for a HelmRelease applied by a Kustomization).
 */
export interface WorkloadProgress {
  attempted: string | null;
  applied: string | null;
  healthy: boolean;
  failing: boolean;
  delivered: string | null;
  /** The full sha applied, for recording commits pushed by hand. */
  appliedCommit: string | null;
}

/**
 * The source revision a chart version names. source-controller builds a chart from a git
 * source with `reconcileStrategy: Revision` as `<Chart.yaml version>+<first 12 hex of the
 * commit>`; helm-controller reports that version as lastAttemptedRevision and in its history.
 */
export function commitOfChartVersion(version: string | null | undefined): string | null {
  const match = version ? /\+([0-9a-f]{12,40})$/.exec(version) : null;
  return match ? match[1] : null;
}

const condition = (object: FluxObjectRecord, type: string) => object.conditions.find(c => c.type === type);

/** A Kustomization: git revisions in lastAttemptedRevision and lastAppliedRevision (kustomize-controller). */
function kustomizationProgress(workload: FluxObjectRecord): WorkloadProgress {
  const current = workload.observedGeneration === null || workload.observedGeneration === workload.generation;
  const applied = commitOfRevision(workload.lastAppliedRevision);
  return {
    attempted: commitOfRevision(workload.lastAttemptedRevision),
    applied,
    healthy: current && workload.readyStatus === 'True',
    failing: workload.readyStatus === 'False',
    delivered: null,
    appliedCommit: applied,
  };
}

/**
 * A HelmRelease (helm.toolkit.fluxcd.io/v2), whose revisions are chart versions:
 * - healthy: Ready True on the current generation (observedGeneration and
 *   lastAttemptedGeneration equal to it), not Stalled, and the newest release of the
 *   history `deployed` with the values last attempted (configDigest equal to
 *   lastAttemptedConfigDigest), so that the release running is the one last asked for;
 * - failing: Ready False or Stalled True, the Ready condition's observedGeneration the
 *   current one (InstallFailed, UpgradeFailed, TestFailed, ArtifactFailed...);
 * - attempted: the commit in lastAttemptedRevision's chart version; when no chart could be
 *   built (ArtifactFailed) nothing was attempted, and what failed is the revision the
 *   current spec came from (the applying Kustomization's, else the chart's GitRepository's);
 * - applied: the commit in the deployed release's chart version;
 * - delivered: the commit the Kustomization that applied the HelmRelease last applied,
 *   since the values a deployment changes reach the cluster that way. Without a commit in
 *   the chart version (`reconcileStrategy: ChartVersion`) it stands for attempted and
 *   applied too.
 */
function helmReleaseProgress(workload: FluxObjectRecord, related: RelatedObjects): WorkloadProgress {
  const generation = workload.generation;
  const ofGeneration = (value: number | null) => value === null || generation === null || value === generation;
  const stalled = condition(workload, 'Stalled')?.status === 'True';
  const release = workload.release;
  // The Ready condition must describe the current spec, not an earlier one.
  const readyCurrent = ofGeneration(workload.readyObservedGeneration);
  const healthy =
    readyCurrent &&
    ofGeneration(workload.observedGeneration) &&
    ofGeneration(workload.lastAttemptedGeneration) &&
    workload.readyStatus === 'True' &&
    !stalled &&
    release?.status === 'deployed' &&
    (workload.lastAttemptedConfigDigest === null || workload.lastAttemptedConfigDigest === release.configDigest);
  const chartFailed = workload.readyStatus === 'False' && workload.readyReason === 'ArtifactFailed';
  // Without a chart there is no Helm action, so nothing was attempted for the generation.
  const failing =
    (workload.readyStatus === 'False' || stalled) && readyCurrent && (chartFailed || ofGeneration(workload.lastAttemptedGeneration));
  const delivered = related.applier ? commitOfRevision(related.applier.lastAppliedRevision) : null;
  // No chart for the current spec: what failed is the revision that spec came from.
  const attempted = chartFailed
    ? delivered ?? commitOfRevision(related.source?.artifactRevision)
    : commitOfChartVersion(workload.lastAttemptedRevision) ?? (workload.lastAttemptedRevision ? delivered : null);
  const applied = release?.status === 'deployed' ? commitOfChartVersion(release.chartVersion) ?? delivered : null;
  return { attempted, applied, healthy, failing, delivered, appliedCommit: healthy ? delivered : null };
}

/** How far the workload of an environment got, by its kind's own status fields. */
export function workloadProgress(workload: FluxObjectRecord, related: RelatedObjects = {}): WorkloadProgress {
  return workload.kind === 'HelmRelease' ? helmReleaseProgress(workload, related) : kustomizationProgress(workload);
}
