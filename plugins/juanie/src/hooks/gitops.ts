import { useEffect, useRef } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  GITOPS_SIGNAL_CHANNEL,
  ProjectGitOpsStatus,
} from '@juanie/plugin-juanie-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { juanieApiRef } from '../api/JuanieApi';

/**
 * The message of `GITOPS_SIGNAL_CHANNEL`: which environment's Flux objects
 * changed. A type alias, because signal messages must be JSON objects.
 */
export type GitOpsChange = {
  org: string;
  project: string;
  environment: string;
};

/** Without signals in the app, a project whose Flux objects are busy is polled this often. */
const POLL_INTERVAL_MS = 10_000;

/**
 * Calls `onChange` for every GitOps status change the back end announces.
 * Returns whether the app has signals at all.
 */
export function useGitOpsChanges(
  onChange: (change: GitOpsChange) => void,
): boolean {
  const { lastSignal, isSignalsAvailable } = useSignal<GitOpsChange>(
    GITOPS_SIGNAL_CHANNEL,
  );
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  useEffect(() => {
    if (lastSignal) onChangeRef.current(lastSignal);
  }, [lastSignal]);
  return isSignalsAvailable;
}

/** Whether Flux is still working on any object of the project. */
function isReconciling(status: ProjectGitOpsStatus): boolean {
  return status.items.some(
    env =>
      env.workload?.state === 'Reconciling' ||
      env.source?.state === 'Reconciling',
  );
}

/** The Flux objects of every environment of a project; live. */
export function useProjectGitOps(org: string, project: string) {
  const api = useApi(juanieApiRef);
  const state = useAsyncRetry(
    () => api.getProjectGitOps(org, project),
    [api, org, project],
  );
  const signalsWork = useGitOpsChanges(change => {
    if (change.org === org && change.project === project) state.retry();
  });
  const changing = state.value !== undefined && isReconciling(state.value);
  useInterval(state.retry, !signalsWork && changing ? POLL_INTERVAL_MS : null);
  return state;
}

/** Every cluster's reachability and Flux health; reloaded when any Flux object changes. */
export function useClusters() {
  const api = useApi(juanieApiRef);
  const state = useAsyncRetry(
    async () => (await api.listClusters()).items,
    [api],
  );
  useGitOpsChanges(() => state.retry());
  return state;
}
