import { approvalRuleSchema } from '@juanie/plugin-juanie-common';
import { gateVerdict, isEligibleApprover, refusalOfVote, Vote } from './approvalGate';

const rule = (overrides: object) => approvalRuleSchema.parse(overrides);
const bob = { userRef: 'user:default/bob', memberOf: ['group:default/web-team', 'team:platform'] };
const alice = { userRef: 'user:default/alice', memberOf: [] };

describe('approval gate', () => {
  it.each([
    ['a listed user', rule({ approvers: ['user:default/bob'] }), bob, true],
    ['a listed user in short form', rule({ approvers: ['user:bob'] }), bob, true],
    ['a member of a listed catalog group', rule({ approvers: ['group:default/web-team'] }), bob, true],
    ['a member of a listed Juanie team', rule({ approvers: ['team:platform'] }), bob, true],
    ['someone not listed', rule({ approvers: ['user:default/carol'] }), alice, false],
    ['anyone when nobody is listed (maintainers decide)', rule({}), alice, true],
  ])('eligibility: %s', (_case, approvalRule, voter, eligible) => {
    expect(isEligibleApprover(approvalRule, voter)).toBe(eligible);
  });

  it.each<[string, object, typeof bob, string, Vote[], RegExp]>([
    ['an eligible first vote counts', { approvers: ['user:default/bob'] }, bob, 'user:default/alice', [], /^counts$/],
    ['a second vote by the same person is refused', { approvers: ['user:default/bob'] }, bob, 'user:default/alice',
      [{ approverRef: 'user:default/bob', decision: 'approve' }], /already voted/],
    ['the requester cannot approve their own', { approvers: ['user:default/bob'] }, bob, 'user:default/bob', [], /your own/],
    ['unless the environment allows it', { approvers: ['user:default/bob'], allowSelfApproval: true }, bob, 'user:default/bob', [], /^counts$/],
    ['an ineligible voter is refused', { approvers: ['user:default/carol'] }, alice, 'user:default/bob', [], /not an eligible approver/],
  ])('votes: %s', (_case, approvalRule, voter, requester, earlier, refusal) => {
    const result = refusalOfVote(rule(approvalRule), voter, requester, earlier) ?? 'counts';
    expect(result).toMatch(refusal);
  });

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
