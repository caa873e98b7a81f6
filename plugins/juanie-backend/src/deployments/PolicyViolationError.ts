import { CustomErrorBase } from '@backstage/errors';
import { PolicyViolation } from '@juanie/plugin-juanie-common';
import { policyEvaluationForAudit } from '../policies/policyViolationsForAudit';

/**
 * An enforced policy refuses a change. The router answers 422 with the violations; the
 * message lists them too, and `auditDetail` keeps them in the refusal's audit event, so the
 * policies page can show which requests each policy refused.
 */
export class PolicyViolationError extends CustomErrorBase {
  name = 'PolicyViolationError' as const;

  constructor(
    readonly violations: PolicyViolation[],
    readonly environment: string,
  ) {
    const enforced = violations.filter(v => v.enforcement === 'enforce');
    super(
      `Refused by ${enforced.length === 1 ? 'a policy' : `${enforced.length} policies`}: ${enforced
        .map(v => `${v.policyTitle} (${v.rule})${v.file ? ` in ${v.file}` : ''}: ${v.message}`)
        .join('; ')}`,
    );
  }

  /** What the audit trail records as the refusal's `after`. */
  get auditDetail() {
    const { after } = policyEvaluationForAudit({ violations: this.violations, enforced: true });
    return { environment: this.environment, ...after };
  }
}
