import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { juanieApiRef } from '../api/JuanieApi';
import { usePagedList } from './usePagedList';

/** One organisation. */
export function useOrganization(org: string) {
  const api = useApi(juanieApiRef);
  return useAsyncRetry(() => api.getOrganization(org), [api, org]);
}

/** An organisation's limits and how much of them is used. */
export function useOrganizationQuota(org: string) {
  const api = useApi(juanieApiRef);
  return useAsyncRetry(() => api.getOrganizationQuota(org), [api, org]);
}

/** The projects of an organisation. */
export function useOrganizationProjects(org: string) {
  const api = useApi(juanieApiRef);
  return usePagedList(`projects:${org}`, cursor =>
    api.listProjects(org, { cursor }),
  );
}

/** The members of an organisation. */
export function useOrgMembers(org: string) {
  const api = useApi(juanieApiRef);
  return usePagedList(`members:${org}`, cursor =>
    api.listOrgMembers(org, { cursor }),
  );
}

/** The teams of an organisation. */
export function useTeams(org: string) {
  const api = useApi(juanieApiRef);
  return usePagedList(`teams:${org}`, cursor => api.listTeams(org, { cursor }));
}

/** One team. */
export function useTeam(org: string, team: string) {
  const api = useApi(juanieApiRef);
  return useAsyncRetry(() => api.getTeam(org, team), [api, org, team]);
}

/** The members of a team. */
export function useTeamMembers(org: string, team: string) {
  const api = useApi(juanieApiRef);
  return usePagedList(`team-members:${org}/${team}`, cursor =>
    api.listTeamMembers(org, team, { cursor }),
  );
}
