import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { PolicyRuleType } from './PolicyRuleType';

/** Lets backend modules add rule types to Juanie's policies. @public */
export interface JuaniePolicyRulesExtensionPoint {
  /** Adds rule types; a name that is already taken (built-in or not) fails the start-up. */
  addRuleType(...ruleTypes: PolicyRuleType<any>[]): void;
}

/**
 * Extension point of the `juanie` plugin for policy rule types.
 *
 * @example
 * ```ts
 * createBackendModule({
 *   pluginId: 'juanie',
 *   moduleId: 'acme-policy-rules',
 *   register(env) {
 *     env.registerInit({
 *       deps: { policyRules: juaniePolicyRulesExtensionPoint },
 *       async init({ policyRules }) {
 *         policyRules.addRuleType(noPrivilegedContainers);
 *       },
 *     });
 *   },
 * });
 * ```
 * @public
 */
export const juaniePolicyRulesExtensionPoint =
  createExtensionPoint<JuaniePolicyRulesExtensionPoint>({ id: 'juanie.policy-rules' });
