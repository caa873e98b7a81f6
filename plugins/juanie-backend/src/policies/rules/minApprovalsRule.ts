import { minApprovalsParamsSchema } from '@juanie/plugin-juanie-common';
import { createPolicyRuleType } from '@juanie/plugin-juanie-node';

const approvals = (count: number) => `${count} approval${count === 1 ? '' : 's'}`;

/** Built-in rule type `minApprovals`. */
export const minApprovalsRule = createPolicyRuleType({
  type: 'minApprovals',
  title: 'Minimum approvals',
  description: "The environment's approval rule requires at least this many approvals, by kind of environment.",
  paramsSchema: minApprovalsParamsSchema,
  evaluate: ({ params, environment }) => {
    const minimum = params.byKind[environment.kind];
    if (minimum === undefined || environment.requiredApprovals >= minimum) return [];
    return [
      {
        file: null,
        path: null,
        message:
          `Environment ${environment.slug} (${environment.kind}) requires ${approvals(environment.requiredApprovals)}; ` +
          `${environment.kind} environments must require at least ${approvals(minimum)}`,
      },
    ];
  },
});
