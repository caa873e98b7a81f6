import { EnvironmentKind } from '@juanie/plugin-juanie-common';
import { findingsOf } from '../__testUtils__/manifestBuilders';
import { minApprovalsRule } from './minApprovalsRule';

const PRODUCTION_TWO_STAGING_ONE = { byKind: { production: 2, staging: 1 } };

const CASES: Array<{ kind: EnvironmentKind; requiredApprovals: number; violation?: string }> = [
  { kind: 'production', requiredApprovals: 2 },
  { kind: 'production', requiredApprovals: 3 },
  { kind: 'production', requiredApprovals: 1, violation: 'Environment env (production) requires 1 approval; production environments must require at least 2 approvals' },
  { kind: 'staging', requiredApprovals: 0, violation: 'Environment env (staging) requires 0 approvals; staging environments must require at least 1 approval' },
  { kind: 'staging', requiredApprovals: 1 },
  { kind: 'development', requiredApprovals: 0 },
];

describe('minApprovals', () => {
  it.each(CASES)('$kind environment requiring $requiredApprovals', async ({ kind, requiredApprovals, violation }) => {
    const environment = { slug: 'env', kind, requiredApprovals };
    const findings = await findingsOf(minApprovalsRule, PRODUCTION_TWO_STAGING_ONE, {}, { environment });
    expect(findings).toEqual(violation ? [{ file: null, path: null, message: violation }] : []);
  });

  it.each([
    { kind: 'production' as const, allowSelfApproval: true, refused: true },
    { kind: 'production' as const, allowSelfApproval: false, refused: false },
    { kind: 'staging' as const, allowSelfApproval: true, refused: false },
  ])('forbidSelfApproval on production: $kind environment with allowSelfApproval $allowSelfApproval', async ({ kind, allowSelfApproval, refused }) => {
    const environment = { slug: 'env', kind, requiredApprovals: 5, allowSelfApproval };
    const params = { byKind: { production: 1 }, forbidSelfApproval: ['production'] };
    const findings = await findingsOf(minApprovalsRule, params, {}, { environment });
    expect(findings).toEqual(
      refused
        ? [{ file: null, path: null, message: 'Environment env (production) allows self-approval; production environments must not let requesters approve their own deployments' }]
        : [],
    );
  });

  it.each([
    [{ byKind: { production: 1 }, forbidSelfApproval: ['prod'] }, /forbidSelfApproval.0: /],
    [{ byKind: {} }, /byKind: must name at least one of development, staging, production/],
    [{ byKind: { prod: 2 } }, /prod/],
    [{ byKind: { production: -1 } }, /byKind.production: /],
    [{ byKind: { production: 1.5 } }, /byKind.production: /],
  ])('refuses params %j', (params, problem) => {
    const result = minApprovalsRule.paramsSchema.safeParse(params);
    expect(result.error?.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; ')).toMatch(problem);
  });
});
