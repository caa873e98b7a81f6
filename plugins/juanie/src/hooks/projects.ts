import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { juanieApiRef } from '../api/JuanieApi';
import { usePagedList } from './usePagedList';

/** One project. */
export function useProject(org: string, project: string) {
  const api = useApi(juanieApiRef);
  return useAsyncRetry(() => api.getProject(org, project), [api, org, project]);
}

/** A project's environments. */
export function useEnvironments(org: string, project: string) {
  const api = useApi(juanieApiRef);
  return usePagedList(`environments:${org}/${project}`, cursor =>
    api.listEnvironments(org, project, { cursor }),
  );
}

/** A project's connected git repositories. */
export function useRepositories(org: string, project: string) {
  const api = useApi(juanieApiRef);
  return usePagedList(`repositories:${org}/${project}`, cursor =>
    api.listRepositories(org, project, { cursor }),
  );
}

/** Users with a direct role on a project. */
export function useProjectMembers(org: string, project: string) {
  const api = useApi(juanieApiRef);
  return usePagedList(`project-members:${org}/${project}`, cursor =>
    api.listProjectMembers(org, project, { cursor }),
  );
}

/** Teams with a role on a project. */
export function useProjectTeams(org: string, project: string) {
  const api = useApi(juanieApiRef);
  return usePagedList(`project-teams:${org}/${project}`, cursor =>
    api.listProjectTeams(org, project, { cursor }),
  );
}
