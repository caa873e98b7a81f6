import { PolicyRuleType } from '@juanie/plugin-juanie-node';
import { freezeWindowRule } from './freezeWindowRule';
import { allowedRegistriesRule, noLatestTagRule, requireDigestRule } from './imageRules';
import { minApprovalsRule } from './minApprovalsRule';
import { maxReplicasRule, requiredLabelsRule, requireResourcesRule } from './workloadRules';

/** The rule types Juanie ships; they use the same interface as those of other modules. */
export const builtInPolicyRuleTypes: PolicyRuleType<any>[] = [
  noLatestTagRule,
  requireDigestRule,
  allowedRegistriesRule,
  requireResourcesRule,
  maxReplicasRule,
  requiredLabelsRule,
  freezeWindowRule,
  minApprovalsRule,
];
