import {
  conditionOf,
  KustomizationObject,
  removeCondition,
  requestedAt,
  setCondition,
} from './fluxObjects';

/** Why an attempt failed: a Flux reason and its message. */
export interface Failure {
  reason: string;
  message?: string;
}

/**
 * The status kustomize-controller writes when it starts on a revision: Reconciling, Ready
 * Unknown, and the revision as the last attempted one.
 */
export function progressingStatus(
  object: KustomizationObject,
  revision: string,
) {
  const { generation } = object.metadata;
  const timeout = object.spec?.timeout ?? object.spec?.interval ?? '5m0s';
  let conditions = setCondition(object.status?.conditions, {
    type: 'Reconciling',
    status: 'True',
    reason: 'Progressing',
    message: `Building manifests for revision ${revision} with a timeout of ${timeout}`,
    observedGeneration: generation,
  });
  conditions = setCondition(conditions, {
    type: 'Ready',
    status: 'Unknown',
    reason: 'Progressing',
    message: 'Reconciliation in progress',
    observedGeneration: generation,
  });
  return { lastAttemptedRevision: revision, conditions };
}

/**
 * The status at the end of an attempt on `object` (as it was when the attempt started),
 * over `current` (as it is stored now). On success: Ready, the revision applied, the
 * generation observed, Reconciling gone. On failure: Ready False with the reason, the
 * applied revision and observed generation unchanged, and Reconciling kept as
 * ProgressingWithRetry (Flux retries; it is not Stalled). Either way a reconcile request
 * is acknowledged in lastHandledReconcileAt.
 */
export function finishedStatus(
  object: KustomizationObject,
  current: KustomizationObject,
  revision: string,
  failure?: Failure,
) {
  const { generation } = object.metadata;
  const handled = { lastHandledReconcileAt: requestedAt(object) };
  const conditions = current.status?.conditions;
  if (!failure) {
    return {
      ...handled,
      lastAppliedRevision: revision,
      observedGeneration: generation,
      conditions: setCondition(removeCondition(conditions, 'Reconciling'), {
        type: 'Ready',
        status: 'True',
        reason: 'ReconciliationSucceeded',
        message: `Applied revision: ${revision}`,
        observedGeneration: generation,
      }),
    };
  }
  let failed = setCondition(conditions, {
    type: 'Ready',
    status: 'False',
    reason: failure.reason,
    message: failure.message ?? '',
    observedGeneration: generation,
  });
  const reconciling = conditionOf({ conditions: failed }, 'Reconciling');
  if (reconciling) {
    failed = setCondition(failed, {
      ...reconciling,
      reason: 'ProgressingWithRetry',
    });
  }
  return { ...handled, conditions: failed };
}
