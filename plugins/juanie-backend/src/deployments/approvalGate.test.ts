import { approvalRuleSchema } from '@juanie/plugin-juanie-common';
import { gateVerdict, Vote } from './approvalGate';

const rule = (overrides: object) => approvalRuleSchema.parse(overrides);

describe('approval gate verdict', () => {
  it.each<[string, number, Vote[], string]>([
    ['waits for the required number', 2, [{ approverRef: 'a', decision: 'approve' }], 'waiting'],
    ['opens when reached', 2, [{ approverRef: 'a', decision: 'approve' }, { approverRef: 'b', decision: 'approve' }], 'open'],
    ['counts a person once', 2, [{ approverRef: 'a', decision: 'approve' }, { approverRef: 'a', decision: 'approve' }], 'waiting'],
    ['ends on any rejection', 1, [{ approverRef: 'a', decision: 'approve' }, { approverRef: 'b', decision: 'reject' }], 'rejected'],
    ['is open with no approvals required', 0, [], 'open'],
  ])('verdict: %s', (_case, requiredApprovals, votes, verdict) => {
    expect(gateVerdict(rule({ requiredApprovals }), votes)).toBe(verdict);
  });
});
