import { ApprovalRule, normalizePrincipalRef } from '@juanie/plugin-juanie-common';

/** One person's vote on a deployment. */
export interface Vote {
  approverRef: string;
  decision: 'approve' | 'reject';
}

/** What the gate needs to know about a voter. */
export interface Voter {
  userRef: string;
  /** The voter's ownership refs (catalog groups) and Juanie team approver refs (`team:<slug>`). */
  memberOf: string[];
}

/**
 * Whether the voter may vote under the environment's rule: listed as a user, a catalog group
 * they belong to, or a Juanie team they are in. With no approvers listed, the project's
 * maintainers decide (the caller checks that role).
 */
export function isEligibleApprover(rule: ApprovalRule, voter: Voter): boolean {
  if (rule.approvers.length === 0) return true;
  const claims = new Set([voter.userRef, ...voter.memberOf].map(ref => ref.toLowerCase()));
  return rule.approvers.some(ref =>
    claims.has(ref.startsWith('team:') ? ref : normalizePrincipalRef(ref)),
  );
}

/** Why a vote is refused, or undefined when it counts. */
export function refusalOfVote(
  rule: ApprovalRule,
  voter: Voter,
  requesterRef: string,
  earlierVotes: Vote[],
): string | undefined {
  if (earlierVotes.some(vote => vote.approverRef === voter.userRef)) {
    return `${voter.userRef} has already voted on this deployment`;
  }
  if (voter.userRef === requesterRef && !rule.allowSelfApproval) {
    return 'You requested this deployment; this environment does not allow approving your own';
  }
  if (!isEligibleApprover(rule, voter)) {
    return `${voter.userRef} is not an eligible approver of this environment`;
  }
  return undefined;
}

/** The gate's verdict after the votes so far: a rejection ends it, enough approvals open it. */
export function gateVerdict(rule: ApprovalRule, votes: Vote[]): 'open' | 'rejected' | 'waiting' {
  if (votes.some(vote => vote.decision === 'reject')) return 'rejected';
  const approvals = new Set(votes.filter(v => v.decision === 'approve').map(v => v.approverRef));
  return approvals.size >= rule.requiredApprovals ? 'open' : 'waiting';
}
