import { describeApprovalRule, describeDuration } from './approvalSummary';

describe('describeDuration', () => {
  it.each([
    ['P3D', '3 days'],
    ['P1D', '1 day'],
    ['PT12H', '12 hours'],
    ['PT1M', '1 minute'],
    ['PT90M', '90 minutes'],
    ['PT45S', 'PT45S'],
    ['not a duration', 'not a duration'],
  ])('reads %s as "%s"', (iso, text) => {
    expect(describeDuration(iso)).toBe(text);
  });
});

describe('describeApprovalRule', () => {
  const rule = {
    requiredApprovals: 1,
    approvers: [],
    allowSelfApproval: false,
    expiresAfter: 'P3D',
  };

  it.each([
    [{ ...rule, requiredApprovals: 0 }, 'No approval needed'],
    [rule, '1 approval; no self-approval; expires after 3 days'],
    [
      {
        ...rule,
        requiredApprovals: 2,
        approvers: ['team:sre'],
        allowSelfApproval: true,
      },
      '2 approvals from team:sre; self-approval allowed; expires after 3 days',
    ],
  ])('summarises %j', (input, text) => {
    expect(describeApprovalRule(input)).toBe(text);
  });
});
