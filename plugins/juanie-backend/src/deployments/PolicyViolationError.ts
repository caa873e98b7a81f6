import { CustomErrorBase } from '@backstage/errors';
import { PolicyViolation } from '@juanie/plugin-juanie-common';

/**
 * An enforced policy refuses a change. The router answers 422 with the violations; the
 * message lists them too, so the audit trail records what was refused and why.
 */
export class PolicyViolationError extends CustomErrorBase {
  name = 'PolicyViolationError' as const;

  constructor(readonly violations: PolicyViolation[]) {
    const enforced = violations.filter(v => v.enforcement === 'enforce');
    super(
      `Refused by ${enforced.length === 1 ? 'a policy' : `${enforced.length} policies`}: ${enforced
        .map(v => `${v.policyTitle} (${v.rule})${v.file ? ` in ${v.file}` : ''}: ${v.message}`)
        .join('; ')}`,
    );
  }
}
