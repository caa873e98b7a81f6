import {
  HelmReleaseObject,
  HelmReleaseSnapshot,
  kubeTime,
  removeCondition,
  requestedAt,
  setCondition,
} from './fluxObjects';

/** What one attempt was made with: the chart (name and version) and the values' digest. */
export interface ReleaseAttempt {
  chartName: string;
  chartVersion: string;
  configDigest: string;
  /** Where helm-controller's HelmChart for the release lives, `<namespace>/<name>`. */
  helmChart?: string;
}

/** helm-controller keeps the history up to the previous successful release. */
const MAX_HISTORY = 5;

export const releaseNameOf = (release: HelmReleaseObject) =>
  release.spec?.releaseName ??
  (release.spec?.targetNamespace
    ? `${release.spec.targetNamespace}-${release.metadata.name}`
    : release.metadata.name);

export const releaseNamespaceOf = (release: HelmReleaseObject) =>
  release.spec?.targetNamespace ?? release.metadata.namespace ?? 'default';

/** Install when nothing was ever deployed, upgrade afterwards. */
export function actionOf(release: HelmReleaseObject): 'install' | 'upgrade' {
  return release.status?.history?.some(
    s => s.status === 'deployed' || s.status === 'superseded',
  )
    ? 'upgrade'
    : 'install';
}

const title = (action: string) => action[0].toUpperCase() + action.slice(1);

/** The status helm-controller writes when it starts a Helm action: Reconciling, Ready Unknown, the attempt. */
export function progressingStatus(
  release: HelmReleaseObject,
  attempt: ReleaseAttempt,
) {
  const { generation } = release.metadata;
  const action = actionOf(release);
  const message = `Running '${action}' action with timeout of 5m0s`;
  let conditions = setCondition(release.status?.conditions, {
    type: 'Reconciling',
    status: 'True',
    reason: 'Progressing',
    message,
    observedGeneration: generation,
  });
  conditions = setCondition(conditions, {
    type: 'Ready',
    status: 'Unknown',
    reason: 'Progressing',
    message,
    observedGeneration: generation,
  });
  return {
    conditions,
    ...(attempt.helmChart ? { helmChart: attempt.helmChart } : {}),
    storageNamespace: release.metadata.namespace,
    lastAttemptedGeneration: generation,
    lastAttemptedReleaseAction: action,
    lastAttemptedRevision: attempt.chartVersion,
    lastAttemptedConfigDigest: attempt.configDigest,
  };
}

/** The history with a new release on top; the one deployed before is superseded. */
function withRelease(
  release: HelmReleaseObject,
  attempt: ReleaseAttempt,
  status: 'deployed' | 'failed',
) {
  const history = (release.status?.history ?? []).map(s =>
    status === 'deployed' && s.status === 'deployed'
      ? { ...s, status: 'superseded' as const }
      : s,
  );
  const now = kubeTime();
  const version = (history[0]?.version ?? 0) + 1;
  const snapshot: HelmReleaseSnapshot = {
    digest: '',
    name: releaseNameOf(release),
    namespace: releaseNamespaceOf(release),
    version,
    status,
    chartName: attempt.chartName,
    chartVersion: attempt.chartVersion,
    configDigest: attempt.configDigest,
    firstDeployed: history[history.length - 1]?.firstDeployed ?? now,
    lastDeployed: now,
  };
  return { snapshot, history: [snapshot, ...history].slice(0, MAX_HISTORY) };
}

/** The release's name as Helm's messages give it: `<namespace>/<name>.v<version>`. */
const fullName = (s: HelmReleaseSnapshot) =>
  `${s.namespace}/${s.name}.v${s.version}`;

/**
 * The status after a Helm action: on success the new release deployed (Ready and Released
 * True, the generation observed, failure counters cleared); on failure the failed release
 * in the history, Released and Ready False with InstallFailed/UpgradeFailed, and the
 * observed generation left as it was (helm-controller retries; it is not Stalled).
 */
export function releasedStatus(
  release: HelmReleaseObject,
  current: HelmReleaseObject,
  attempt: ReleaseAttempt,
  digest: (snapshot: HelmReleaseSnapshot) => string,
  error?: string,
) {
  const { generation } = release.metadata;
  const action = actionOf(release);
  const { snapshot, history } = withRelease(
    release,
    attempt,
    error ? 'failed' : 'deployed',
  );
  snapshot.digest = digest(snapshot);
  const chart = `${attempt.chartName}@${attempt.chartVersion}`;
  const handled = { lastHandledReconcileAt: requestedAt(release) };
  let conditions = removeCondition(current.status?.conditions, 'Reconciling');
  if (!error) {
    const reason = `${title(action)}Succeeded`;
    const message = `Helm ${action} succeeded for release ${fullName(
      snapshot,
    )} with chart ${chart}`;
    for (const type of ['Ready', 'Released']) {
      conditions = setCondition(conditions, {
        type,
        status: 'True',
        reason,
        message,
        observedGeneration: generation,
      });
    }
    return {
      ...handled,
      conditions: removeCondition(
        removeCondition(conditions, 'Stalled'),
        'Remediated',
      ),
      history,
      observedGeneration: generation,
      lastAppliedRevision: attempt.chartVersion,
      failures: 0,
      installFailures: 0,
      upgradeFailures: 0,
    };
  }
  const reason = `${title(action)}Failed`;
  const message = `Helm ${action} failed for release ${fullName(
    snapshot,
  )} with chart ${chart}: ${error}`;
  for (const type of ['Ready', 'Released']) {
    conditions = setCondition(conditions, {
      type,
      status: 'False',
      reason,
      message,
      observedGeneration: generation,
    });
  }
  const counter = action === 'install' ? 'installFailures' : 'upgradeFailures';
  return {
    ...handled,
    conditions,
    history,
    failures: (current.status?.failures ?? 0) + 1,
    [counter]: (current.status?.[counter] ?? 0) + 1,
  };
}

/**
 * The status when there is no chart to release (its source or chart path cannot be read):
 * Ready False with the reason, nothing attempted, the history as it was.
 */
export function notReleasedStatus(
  release: HelmReleaseObject,
  reason: string,
  message: string,
) {
  const conditions = setCondition(
    removeCondition(release.status?.conditions, 'Reconciling'),
    {
      type: 'Ready',
      status: 'False',
      reason,
      message,
      observedGeneration: release.metadata.generation,
    },
  );
  return { lastHandledReconcileAt: requestedAt(release), conditions };
}
