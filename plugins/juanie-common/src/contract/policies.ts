import { z } from 'zod';
import {
  createPolicySchema,
  listPoliciesQuerySchema,
  policyDecisionSchema,
  policyDecisionsQuerySchema,
  policyRuleTypeInfoSchema,
  policySchema,
  updatePolicySchema,
} from '../api/policies';
import { defineOperation } from './operation';

const POLICY = '/policies/{id}';

/** Policies on organisations, projects and environments, and the rule types they use. */
export const policyOperations = {
  listPolicyRuleTypes: defineOperation({
    method: 'get',
    path: '/policy-rule-types',
    summary: 'Rule types a policy can use, with JSON Schemas of their params',
    response: z.object({ items: z.array(policyRuleTypeInfoSchema) }),
  }),
  listPolicies: defineOperation({
    method: 'get',
    path: '/policies',
    summary: 'Policies inside a scope, or the effective policies of an environment',
    query: listPoliciesQuerySchema,
    response: z.object({ items: z.array(policySchema) }),
  }),
  createPolicy: defineOperation({
    method: 'post',
    path: '/policies',
    summary: 'Create a policy on an organisation, project or environment',
    body: createPolicySchema,
    response: policySchema,
    created: true,
  }),
  getPolicy: defineOperation({ method: 'get', path: POLICY, summary: 'One policy', response: policySchema }),
  listPolicyDecisions: defineOperation({
    method: 'get',
    path: `${POLICY}/decisions`,
    summary: 'Recent deployment requests and rollbacks the policy refused or warned about, from the audit trail',
    query: policyDecisionsQuerySchema,
    response: z.object({ items: z.array(policyDecisionSchema) }),
  }),
  updatePolicy: defineOperation({
    method: 'patch',
    path: POLICY,
    summary: 'Change a policy (not its scope)',
    body: updatePolicySchema,
    response: policySchema,
  }),
  deletePolicy: defineOperation({ method: 'delete', path: POLICY, summary: 'Delete a policy', response: 'none' }),
};
