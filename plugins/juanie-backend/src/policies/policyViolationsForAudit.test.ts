import { PolicyViolation } from '@juanie/plugin-juanie-common';
import { describePolicyViolation, policyEvaluationForAudit } from './policyViolationsForAudit';

const violation = (n: number, enforcement: 'enforce' | 'warn'): PolicyViolation => ({
  policyId: `policy-${n}`,
  policyTitle: `Policy ${n}`,
  rule: 'noLatestTag',
  enforcement,
  file: 'app.yaml',
  path: `spec.template.spec.containers[${n}].image`,
  message: `problem ${n}`,
});

describe('policy violations in the audit trail', () => {
  it('describes one violation on one line, with where to fix it', () => {
    expect(describePolicyViolation(violation(0, 'enforce'))).toBe(
      '[enforce] Policy 0 (noLatestTag) at app.yaml spec.template.spec.containers[0].image: problem 0',
    );
    expect(describePolicyViolation({ ...violation(1, 'warn'), file: null, path: null })).toBe('[warn] Policy 1 (noLatestTag): problem 1');
  });

  it('says there is nothing to say', () => {
    expect(policyEvaluationForAudit({ violations: [], enforced: false })).toEqual({
      message: 'No policy violations',
      after: { enforced: false, enforcedCount: 0, warningCount: 0, violations: [], omitted: 0 },
    });
  });

  it('counts every violation, names the first three and keeps the first fifty', () => {
    const violations = [violation(0, 'warn'), ...Array.from({ length: 59 }, (_, i) => violation(i + 1, 'enforce'))];

    const { message, after } = policyEvaluationForAudit({ violations, enforced: true });

    expect(message).toMatch(/^59 enforced violations and 1 warning, refused by policy: \[warn\] Policy 0 .*; \[enforce\] Policy 2 .*: problem 2; and 57 more$/);
    expect(after).toMatchObject({ enforced: true, enforcedCount: 59, warningCount: 1, omitted: 10 });
    expect(after.violations).toHaveLength(50);
  });
});
