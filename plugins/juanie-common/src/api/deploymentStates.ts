import { DEPLOYMENT_STATUSES, DeploymentStatus } from './deployments';

/**
 * The deployment state machine, defined once for the back end and the front end: which
 * statuses are final, which are in flight, and every allowed transition with who makes it
 * (docs/deployment-flow.md). The back end changes a status only through these transitions.
 */

/** Statuses after which nothing changes any more. @public */
export const FINAL_DEPLOYMENT_STATUSES: readonly DeploymentStatus[] = [
  'succeeded',
  'failed',
  'rejected',
  'expired',
  'cancelled',
];

/** Statuses of a deployment still in flight: every status but the final ones. @public */
export const IN_FLIGHT_DEPLOYMENT_STATUSES: readonly DeploymentStatus[] = DEPLOYMENT_STATUSES.filter(
  status => !FINAL_DEPLOYMENT_STATUSES.includes(status),
);

/** True once nothing will change the deployment any more. @public */
export function isFinalDeploymentStatus(status: DeploymentStatus): boolean {
  return FINAL_DEPLOYMENT_STATUSES.includes(status);
}

/** Who moves a deployment from one status to another. @public */
export type DeploymentTransitionActor =
  | 'requester'
  | 'approver'
  | 'maintainer'
  | 'commitJob'
  | 'scheduler'
  | 'fluxWatcher'
  /** Whoever deletes the deployment's organisation, project or environment. */
  | 'deletion';

/** One transition: the statuses it leaves, the one it reaches, and who may make it. @public */
export interface DeploymentTransitionRule {
  from: readonly DeploymentStatus[];
  to: DeploymentStatus;
  by: readonly DeploymentTransitionActor[];
}

const beforeTheEnd = IN_FLIGHT_DEPLOYMENT_STATUSES;

/**
 * Every allowed status change, by name. A request starts a deployment as `pending_approval`
 * or `queued` (no transition: the row is new).
 * @public
 */
export const DEPLOYMENT_TRANSITIONS = {
  approve: { from: ['pending_approval'], to: 'queued', by: ['approver'] },
  reject: { from: ['pending_approval'], to: 'rejected', by: ['approver'] },
  expire: { from: ['pending_approval'], to: 'expired', by: ['scheduler'] },
  cancel: { from: ['pending_approval', 'queued'], to: 'cancelled', by: ['requester', 'maintainer'] },
  startCommit: { from: ['queued'], to: 'committing', by: ['commitJob'] },
  commit: { from: ['committing'], to: 'committed', by: ['commitJob'] },
  // A commit job that gives up after its last attempt may not have started committing yet.
  failCommit: { from: ['queued', 'committing'], to: 'failed', by: ['commitJob'] },
  reconcile: { from: ['committed'], to: 'reconciling', by: ['fluxWatcher'] },
  succeed: { from: ['committed', 'reconciling'], to: 'succeeded', by: ['fluxWatcher'] },
  fail: { from: ['committed', 'reconciling'], to: 'failed', by: ['fluxWatcher'] },
  timeOut: { from: ['committed', 'reconciling'], to: 'failed', by: ['scheduler'] },
  // Deleting where it goes ends a deployment at any point in flight: before the commit the
  // request is called off, after it Juanie stops following it (the commit stays on the branch).
  // The scheduler closes what an older version left in flight in deleted places.
  close: { from: beforeTheEnd, to: 'cancelled', by: ['deletion', 'scheduler'] },
} as const satisfies Record<string, DeploymentTransitionRule>;

/** A transition's name. @public */
export type DeploymentTransition = keyof typeof DEPLOYMENT_TRANSITIONS;

/** Every transition's name, in the order of the table. @public */
export const DEPLOYMENT_TRANSITION_NAMES = Object.keys(DEPLOYMENT_TRANSITIONS) as DeploymentTransition[];

/** The rule of a transition (its from, to and actors). @public */
export function deploymentTransitionRule(transition: DeploymentTransition): DeploymentTransitionRule {
  return DEPLOYMENT_TRANSITIONS[transition];
}

/** The transitions that can leave `status`; none for a final status. @public */
export function deploymentTransitionsFrom(status: DeploymentStatus): DeploymentTransition[] {
  return DEPLOYMENT_TRANSITION_NAMES.filter(name =>
    (DEPLOYMENT_TRANSITIONS[name].from as readonly DeploymentStatus[]).includes(status),
  );
}

/** The status after `transition` made by `by`, or why it is not allowed from `current`. @public */
export function nextDeploymentStatus(
  current: DeploymentStatus,
  transition: DeploymentTransition,
  by: DeploymentTransitionActor,
): { ok: true; status: DeploymentStatus } | { ok: false; reason: string } {
  const rule: DeploymentTransitionRule | undefined = DEPLOYMENT_TRANSITIONS[transition];
  if (!rule) return { ok: false, reason: `unknown transition ${transition}` };
  if (!rule.by.includes(by)) {
    return { ok: false, reason: `${transition} is not made by the ${by}` };
  }
  if (!rule.from.includes(current)) {
    return { ok: false, reason: `a deployment that is ${current.replace('_', ' ')} cannot ${transition}` };
  }
  return { ok: true, status: rule.to };
}

/** Statuses of a deployment whose commit is (or was) applied: what a rollback can restore. @public */
export const COMMITTED_DEPLOYMENT_STATUSES: readonly DeploymentStatus[] = ['committed', 'reconciling', 'succeeded'];

/** Statuses of a committed deployment whose outcome Flux has still to tell. @public */
export const AWAITING_FLUX_STATUSES: readonly DeploymentStatus[] = DEPLOYMENT_TRANSITIONS.succeed.from;
