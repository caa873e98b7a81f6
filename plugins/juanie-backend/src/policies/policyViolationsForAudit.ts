import { PolicyEvaluation, PolicyViolation } from '@juanie/plugin-juanie-common';

const MAX_LISTED = 50;

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

const whereOf = (violation: PolicyViolation) =>
  violation.file ? ` at ${violation.file}${violation.path ? ` ${violation.path}` : ''}` : '';

/** One violation on one line: `[enforce] No latest tag (noLatestTag) at app.yaml spec...: message`. */
export function describePolicyViolation(violation: PolicyViolation): string {
  return `[${violation.enforcement}] ${violation.policyTitle} (${violation.rule})${whereOf(violation)}: ${violation.message}`;
}

/**
 * An evaluation as an audit event reports it: a one-line `message`, and an `after` summary
 * with the counts and the first violations (an audit row is no place for thousands of them).
 */
export function policyEvaluationForAudit(evaluation: PolicyEvaluation): {
  message: string;
  after: {
    enforced: boolean;
    enforcedCount: number;
    warningCount: number;
    violations: PolicyViolation[];
    omitted: number;
  };
} {
  const enforcedCount = evaluation.violations.filter(v => v.enforcement === 'enforce').length;
  const warningCount = evaluation.violations.length - enforcedCount;
  const listed = evaluation.violations.slice(0, MAX_LISTED);
  const outcome = evaluation.enforced ? 'refused by policy' : 'allowed by policy';
  const firstThree = evaluation.violations.slice(0, 3).map(describePolicyViolation).join('; ');
  const more = evaluation.violations.length > 3 ? `; and ${evaluation.violations.length - 3} more` : '';
  const message =
    evaluation.violations.length === 0
      ? 'No policy violations'
      : `${count(enforcedCount, 'enforced violation')} and ${count(warningCount, 'warning')}, ${outcome}: ${firstThree}${more}`;
  return {
    message,
    after: {
      enforced: evaluation.enforced,
      enforcedCount,
      warningCount,
      violations: listed,
      omitted: evaluation.violations.length - listed.length,
    },
  };
}
