import { LoggerService } from '@backstage/backend-plugin-api';
import { EnvironmentKind, PolicyEvaluation, PolicyViolation } from '@juanie/plugin-juanie-common';
import { PolicyRuleContext, PolicyRuleFinding, PolicyRuleType } from '@juanie/plugin-juanie-node';
import { readManifestSet } from './manifests/readManifestSet';
import { PolicyRecord } from './PolicyStore';

/** What `PolicyService.evaluate` checks: a requested change to one environment. */
export interface PolicyEvaluationRequest {
  org: string;
  project: string;
  environment: { slug: string; kind: EnvironmentKind; requiredApprovals: number; allowSelfApproval?: boolean };
  /** The environment path's manifests after the change: relative path → YAML text. */
  files: Record<string, string>;
  /** When the deployment is requested (freeze windows). */
  at: Date;
}

/** A stored policy with its rule, or why the rule cannot be evaluated. */
export type CheckedPolicy = PolicyRecord &
  ({ ruleType: PolicyRuleType<any>; checkedParams: unknown } | { problem: string });

/**
 * Runs each policy's rule on the change. A policy that cannot be evaluated (its rule type is
 * gone, its params no longer fit, its rule throws) reports a violation rather than passing
 * silently: an enforced policy fails closed.
 */
export async function evaluatePolicies(
  policies: CheckedPolicy[],
  request: PolicyEvaluationRequest,
  logger?: LoggerService,
): Promise<PolicyEvaluation> {
  if (policies.length === 0) return { violations: [], enforced: false };
  const context: Omit<PolicyRuleContext, 'params'> = {
    org: request.org,
    project: request.project,
    environment: request.environment,
    at: request.at,
    files: request.files,
    manifests: readManifestSet(request.files),
  };
  const violations: PolicyViolation[] = [];
  for (const policy of policies) {
    const findings = await findingsOf(policy, context, logger);
    violations.push(
      ...findings.map(finding => ({
        policyId: policy.id,
        policyTitle: policy.title,
        rule: policy.type,
        enforcement: policy.enforcement,
        file: finding.file ?? null,
        path: finding.path ?? null,
        message: finding.message,
      })),
    );
  }
  return { violations, enforced: violations.some(v => v.enforcement === 'enforce') };
}

async function findingsOf(
  policy: CheckedPolicy,
  context: Omit<PolicyRuleContext, 'params'>,
  logger?: LoggerService,
): Promise<PolicyRuleFinding[]> {
  if ('problem' in policy) {
    return [{ file: null, path: null, message: `Policy cannot be evaluated: ${policy.problem}` }];
  }
  try {
    return await policy.ruleType.evaluate({ ...context, params: policy.checkedParams });
  } catch (error) {
    logger?.error(`Policy rule ${policy.type} of policy ${policy.id} failed`, error as Error);
    return [{ file: null, path: null, message: `Policy cannot be evaluated: rule ${policy.type} failed: ${(error as Error).message}` }];
  }
}
