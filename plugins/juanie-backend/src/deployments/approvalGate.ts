import { ApprovalRule } from '@juanie/plugin-juanie-common';

/** One person's vote on a deployment. */
export interface Vote {
  approverRef: string;
  decision: 'approve' | 'reject';
}

/**
 * The gate's verdict after the votes so far: a rejection ends it, enough approvals open it.
 * Who may vote at all is voteEligibility.ts's.
 */
export function gateVerdict(rule: ApprovalRule, votes: Vote[]): 'open' | 'rejected' | 'waiting' {
  if (votes.some(vote => vote.decision === 'reject')) return 'rejected';
  const approvals = new Set(votes.filter(v => v.decision === 'approve').map(v => v.approverRef));
  return approvals.size >= rule.requiredApprovals ? 'open' : 'waiting';
}
