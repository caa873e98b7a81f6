import { DeploymentStatus } from '@juanie/plugin-juanie-common';

/**
 * The deployment state machine, in one place: every status, every allowed transition, and
 * who makes it. Flux-driven states (reconciling, succeeded, failed after commit) are set by
 * the Flux watcher; everything before the commit by people, the commit job or the scheduler.
 */
/** Who moves a deployment from one status to another. */
export type TransitionActor =
  | 'requester'
  | 'approver'
  | 'maintainer'
  | 'commitJob'
  | 'scheduler'
  | 'fluxWatcher'
  /** Whoever deletes the deployment's organisation, project or environment. */
  | 'deletion';

interface Transition {
  from: DeploymentStatus[];
  to: DeploymentStatus;
  by: TransitionActor[];
}

const TRANSITIONS: Record<string, Transition> = {
  approve: { from: ['pending_approval'], to: 'queued', by: ['approver'] },
  reject: { from: ['pending_approval'], to: 'rejected', by: ['approver'] },
  expire: { from: ['pending_approval'], to: 'expired', by: ['scheduler'] },
  cancel: { from: ['pending_approval', 'queued'], to: 'cancelled', by: ['requester', 'maintainer'] },
  startCommit: { from: ['queued'], to: 'committing', by: ['commitJob'] },
  commit: { from: ['committing'], to: 'committed', by: ['commitJob'] },
  failCommit: { from: ['committing'], to: 'failed', by: ['commitJob'] },
  // A crashed commit job is retried from committing: its own commit is found by trailers.
  retryCommit: { from: ['committing'], to: 'committing', by: ['commitJob'] },
  startReconcile: { from: ['committed'], to: 'reconciling', by: ['fluxWatcher'] },
  succeed: { from: ['committed', 'reconciling'], to: 'succeeded', by: ['fluxWatcher'] },
  failReconcile: { from: ['committed', 'reconciling'], to: 'failed', by: ['fluxWatcher'] },
  // Deleting where it goes ends a deployment at any point in flight: before the commit the
  // request is called off, after it Juanie stops following it (the commit stays on the branch).
  // The scheduler closes what an older version left in flight in deleted places.
  close: {
    from: ['pending_approval', 'queued', 'committing', 'committed', 'reconciling'],
    to: 'cancelled',
    by: ['deletion', 'scheduler'],
  },
};

/** A transition's name. */
export type DeploymentTransition = keyof typeof TRANSITIONS;

/** Statuses after which nothing changes any more. */
export const FINAL_STATUSES: ReadonlySet<DeploymentStatus> = new Set([
  'succeeded',
  'failed',
  'rejected',
  'expired',
  'cancelled',
]);

/** Statuses of a deployment still in flight: everything but the final ones. */
export const IN_FLIGHT_STATUSES: DeploymentStatus[] = ['pending_approval', 'queued', 'committing', 'committed', 'reconciling'];

/** The status after `transition`, or an explanation of why it is not allowed now. */
export function nextStatus(
  current: DeploymentStatus,
  transition: DeploymentTransition,
  by: TransitionActor,
): { ok: true; status: DeploymentStatus } | { ok: false; reason: string } {
  const rule = TRANSITIONS[transition];
  if (!rule) return { ok: false, reason: `unknown transition ${transition}` };
  if (!rule.by.includes(by)) {
    return { ok: false, reason: `${transition} is not made by the ${by}` };
  }
  if (!rule.from.includes(current)) {
    return { ok: false, reason: `a deployment that is ${current.replace('_', ' ')} cannot ${transition}` };
  }
  return { ok: true, status: rule.to };
}
