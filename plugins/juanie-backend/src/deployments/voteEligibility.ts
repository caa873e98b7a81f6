import {
  ApprovalRule,
  DeploymentStatus,
  juanieDeploymentApprovePermission,
  normalizePrincipalRef,
} from '@juanie/plugin-juanie-common';

/**
 * Who may vote on a deployment, decided in one place: voting (DeploymentApprovals), the
 * "vote" of allowedActions (DeploymentReader) and, translated into SQL once by
 * voteEligibilityQuery.ts, the approvals inbox. voteEligibility.test.ts checks that the
 * two agree.
 */

/** What the gate needs to know about a voter. */
export interface Voter {
  userRef: string;
  /** The voter's ownership refs (catalog groups) and Juanie team approver refs (`team:<slug>`). */
  memberOf: string[];
}

/** What of a deployment decides who may vote on it. */
export interface VotedDeployment {
  id: string;
  org: string;
  project: string;
  status: DeploymentStatus;
  requestedBy: string;
  approvalRule: ApprovalRule;
  expiresAt: string | null;
}

/** Everything that decides whether one person's vote on one deployment counts. */
export interface VoteQuestion {
  deployment: VotedDeployment;
  voter: Voter;
  /** Who has voted on the deployment so far. */
  votedBy: string[];
  /** The voter's permissions on the deployment's project (from the permission policy). */
  may: { approve: boolean; manage: boolean };
  now: Date;
}

/**
 * Why a vote does not count: `forbidden` (403: not this person's to decide), `closed` (409:
 * the deployment takes no more votes), `expired` (409: its time ran out, though its status may
 * not say so yet), `voted` (409: this person has voted already).
 */
export interface VoteRefusal {
  kind: 'forbidden' | 'closed' | 'expired' | 'voted';
  reason: string;
}

/** True once the deployment's request has waited past its expiry time. */
export function isOverdue(deployment: Pick<VotedDeployment, 'expiresAt'>, now: Date): boolean {
  return deployment.expiresAt !== null && new Date(deployment.expiresAt).getTime() <= now.getTime();
}

/**
 * Whether the rule lists the voter: as a user, a catalog group they belong to, or a Juanie
 * team they are in. With no approvers listed, the project's maintainers decide (see
 * {@link refusalOfVote}).
 */
export function isListedApprover(rule: ApprovalRule, voter: Voter): boolean {
  if (rule.approvers.length === 0) return true;
  const claims = new Set([voter.userRef, ...voter.memberOf].map(ref => ref.toLowerCase()));
  return rule.approvers.some(ref => claims.has(ref.startsWith('team:') ? ref : normalizePrincipalRef(ref)));
}

/** Why the vote does not count, or undefined when it does. Checked in this order. */
export function refusalOfVote({ deployment, voter, votedBy, may, now }: VoteQuestion): VoteRefusal | undefined {
  const rule = deployment.approvalRule;
  if (!may.approve) {
    const projectRef = `${deployment.org}/${deployment.project}`;
    return { kind: 'forbidden', reason: `You do not have permission ${juanieDeploymentApprovePermission.name} on ${projectRef}` };
  }
  if (rule.approvers.length === 0 && !may.manage) {
    return { kind: 'forbidden', reason: 'This environment lists no approvers; only maintainers of the project can vote' };
  }
  if (deployment.status !== 'pending_approval') {
    return { kind: 'closed', reason: `Deployment ${deployment.id} is ${deployment.status.replace('_', ' ')}; it takes no more votes` };
  }
  if (isOverdue(deployment, now)) {
    return { kind: 'expired', reason: `Deployment ${deployment.id} expired at ${deployment.expiresAt}; it takes no more votes` };
  }
  if (votedBy.includes(voter.userRef)) {
    return { kind: 'voted', reason: `${voter.userRef} has already voted on this deployment` };
  }
  if (voter.userRef === deployment.requestedBy && !rule.allowSelfApproval) {
    return { kind: 'forbidden', reason: 'You requested this deployment; this environment does not allow approving your own' };
  }
  if (!isListedApprover(rule, voter)) {
    return { kind: 'forbidden', reason: `${voter.userRef} is not an eligible approver of this environment` };
  }
  return undefined;
}
