import { minApprovalsParamsSchema } from '@juanie/plugin-juanie-common';
import { createPolicyRuleType, PolicyRuleFinding } from '@juanie/plugin-juanie-node';

const approvals = (count: number) => `${count} approval${count === 1 ? '' : 's'}`;

/**
 * Built-in rule type `minApprovals`: the least approvals, and no self-approval, by kind of
 * environment. It is evaluated on every deployment request (preview, request, rollback, and
 * again before the commit) and on every change of an environment's approval rule (see
 * `PolicyService.approvalRuleViolations`).
 */
export const minApprovalsRule = createPolicyRuleType({
  type: 'minApprovals',
  title: 'Minimum approvals',
  description:
    "The environment's approval rule requires at least this many approvals, and forbids self-approval where asked, by kind of environment.",
  paramsSchema: minApprovalsParamsSchema,
  evaluate: ({ params, environment }) => {
    const findings: PolicyRuleFinding[] = [];
    const minimum = params.byKind[environment.kind];
    if (minimum !== undefined && environment.requiredApprovals < minimum) {
      findings.push({
        file: null,
        path: null,
        message:
          `Environment ${environment.slug} (${environment.kind}) requires ${approvals(environment.requiredApprovals)}; ` +
          `${environment.kind} environments must require at least ${approvals(minimum)}`,
      });
    }
    if (environment.allowSelfApproval && params.forbidSelfApproval?.includes(environment.kind)) {
      findings.push({
        file: null,
        path: null,
        message:
          `Environment ${environment.slug} (${environment.kind}) allows self-approval; ` +
          `${environment.kind} environments must not let requesters approve their own deployments`,
      });
    }
    return findings;
  },
});
