import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import type { Policy } from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../api/JuanieApi';
import { usePagedList } from './usePagedList';

/**
 * The policies inside a scope: an organisation's include those of its projects
 * (the ones the user may read); a project's include its environments'.
 */
export function usePolicies(org: string, project?: string) {
  const api = useApi(juanieApiRef);
  return usePagedList<Policy>(`policies:${org}/${project ?? ''}`, () =>
    api.listPolicies({ org, project }),
  );
}

/**
 * The organisation-wide policies a project inherits (enabled or not: a disabled
 * one may be switched on at any time).
 */
export function useInheritedPolicies(org: string) {
  const api = useApi(juanieApiRef);
  return usePagedList<Policy>(`inherited-policies:${org}`, async () => {
    const { items } = await api.listPolicies({ org });
    return {
      items: items.filter(policy => policy.scope.project === undefined),
    };
  });
}

/** What a policy can check; a failure leaves the built-in types to the form. */
export function usePolicyRuleTypes() {
  const api = useApi(juanieApiRef);
  return useAsync(async () => (await api.listPolicyRuleTypes()).items, [api]);
}

/** The newest deployment requests a policy refused or warned about. */
export function usePolicyDecisions(id: string, project?: string) {
  const api = useApi(juanieApiRef);
  return usePagedList(`policy-decisions:${id}/${project ?? ''}`, () =>
    api.listPolicyDecisions(id, { project }),
  );
}
