import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { juanieApiRef } from '../api/JuanieApi';
import { usePagedList } from './usePagedList';

/** The back end's health: status, database and version. */
export function useHealth() {
  const api = useApi(juanieApiRef);
  return useAsyncRetry(() => api.getHealth(), [api]);
}

/** Who the back end thinks the caller is. */
export function useMe() {
  const api = useApi(juanieApiRef);
  return useAsyncRetry(() => api.getMe(), [api]);
}

/** Things waiting for the caller: approvals, failed syncs, quota limits. */
export function useAttention() {
  const api = useApi(juanieApiRef);
  return useAsyncRetry(async () => (await api.getMyAttention()).items, [api]);
}

/** The organisations the caller can see. */
export function useOrganizations() {
  const api = useApi(juanieApiRef);
  return usePagedList('orgs', cursor => api.listOrganizations({ cursor }));
}

/** Every project the caller can read, across organisations. */
export function useAllProjects() {
  const api = useApi(juanieApiRef);
  return usePagedList('projects', cursor => api.listAllProjects({ cursor }));
}
