import { useApi } from '@backstage/core-plugin-api';
import type { AuditQuery } from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../api/JuanieApi';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { usePagedList } from './usePagedList';

/** Rows per request: enough to fill a screen, few enough to stay fast. */
const AUDIT_PAGE_SIZE = 100;

/** Audit events matching `query`, newest first, a page at a time. */
export function useAuditEvents(query: AuditQuery) {
  const api = useApi(juanieApiRef);
  return usePagedList(JSON.stringify(query), cursor =>
    api.listAuditEvents(query, { cursor, limit: AUDIT_PAGE_SIZE }),
  );
}

/** Which trails the user may read: the whole trail, or these organisations'. */
export function useAuditScope() {
  const api = useApi(juanieApiRef);
  return useAsyncRetry(() => api.getAuditScope(), [api]);
}
