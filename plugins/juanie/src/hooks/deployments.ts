import { useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import { isFinalDeploymentStatus } from '@juanie/plugin-juanie-common';
import type {
  DeploymentPreview,
  DeploymentPreviewRequest,
  DeploymentStatus,
} from '@juanie/plugin-juanie-common';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import useInterval from 'react-use/esm/useInterval';
import { DeploymentListQuery, juanieApiRef } from '../api/JuanieApi';
import { usePagedList } from './usePagedList';

/** The signal channel on which the back end announces every deployment change. */
export const DEPLOYMENT_SIGNAL_CHANNEL = 'juanie:deployments';

/**
 * The message of {@link DEPLOYMENT_SIGNAL_CHANNEL}. juanie-common does not
 * declare it (yet); a type alias, because signal messages must be JSON objects.
 */
export type DeploymentChange = {
  id: string;
  org: string;
  project: string;
  environment: string;
  status: DeploymentStatus;
};

/** Without signals in the app, pages that show a live deployment poll this often. */
const POLL_INTERVAL_MS = 5000;

/** How long the deploy form must stay still before it is previewed. */
export const PREVIEW_DEBOUNCE_MS = 400;

/**
 * Calls `onChange` for every deployment change the back end announces.
 * Returns whether the app has signals at all.
 */
export function useDeploymentChanges(
  onChange: (change: DeploymentChange) => void,
): boolean {
  const { lastSignal, isSignalsAvailable } = useSignal<DeploymentChange>(
    DEPLOYMENT_SIGNAL_CHANNEL,
  );
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  useEffect(() => {
    if (lastSignal) onChangeRef.current(lastSignal);
  }, [lastSignal]);
  return isSignalsAvailable;
}

/** One deployment with its votes and timeline, kept up to date. */
export function useDeployment(id: string) {
  const api = useApi(juanieApiRef);
  const state = useAsyncRetry(() => api.getDeployment(id), [api, id]);
  const signalsWork = useDeploymentChanges(change => {
    if (change.id === id) state.retry();
  });
  const changing =
    state.value !== undefined && !isFinalDeploymentStatus(state.value.status);
  useInterval(state.retry, !signalsWork && changing ? POLL_INTERVAL_MS : null);
  return state;
}

/**
 * The diff of a deployment. `revision` is what the diff depends on (the commit
 * once there is one), so a new commit loads the diff again.
 */
export function useDeploymentDiff(id: string, revision: string | null) {
  const api = useApi(juanieApiRef);
  return useAsyncRetry(() => api.getDeploymentDiff(id), [api, id, revision]);
}

/** A project's deployments, newest first, matching `query`; live. */
export function useProjectDeployments(
  org: string,
  project: string,
  query: DeploymentListQuery,
) {
  const api = useApi(juanieApiRef);
  const list = usePagedList(
    `deployments:${org}/${project}:${JSON.stringify(query)}`,
    cursor => api.listDeployments(org, project, query, { cursor }),
  );
  useDeploymentChanges(change => {
    if (change.org === org && change.project === project) list.reload();
  });
  return list;
}

/** Deployments waiting for the caller's vote, oldest first, page by page; live. */
export function usePendingApprovals() {
  const api = useApi(juanieApiRef);
  const list = usePagedList('approvals', cursor =>
    api.listPendingApprovals({ cursor }),
  );
  useDeploymentChanges(() => list.reload());
  return list;
}

/** The latest preview of a deploy form. */
export interface DeploymentPreviewState {
  /** The latest answer; it stays while a newer request is previewed. */
  preview?: DeploymentPreview;
  loading: boolean;
  error?: Error;
}

/**
 * Previews `request` once it has stayed unchanged for a moment; nothing while
 * it is undefined (an incomplete form). Answers to older requests are dropped.
 */
export function useDeploymentPreview(
  org: string,
  project: string,
  env: string,
  request: DeploymentPreviewRequest | undefined,
): DeploymentPreviewState {
  const api = useApi(juanieApiRef);
  const key = request ? JSON.stringify(request) : '';
  const [settledKey, setSettledKey] = useState(key);
  useDebounce(() => setSettledKey(key), PREVIEW_DEBOUNCE_MS, [key]);

  const state = useAsync(async () => {
    if (!settledKey) return undefined;
    const body: DeploymentPreviewRequest = JSON.parse(settledKey);
    return api.previewDeployment(org, project, env, body);
  }, [api, org, project, env, settledKey]);

  return {
    preview: state.value,
    loading: Boolean(key) && (state.loading || settledKey !== key),
    error: key ? state.error : undefined,
  };
}
