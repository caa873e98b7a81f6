import { useApi } from '@backstage/core-plugin-api';
import type {
  Deployment,
  Environment,
  EnvironmentGitOpsStatus,
  Page,
} from '@juanie/plugin-juanie-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { DeploymentListQuery, JuanieApi, juanieApiRef } from '../api/JuanieApi';
import { byPromotionOrder } from '../components/shared/byPromotionOrder';
import { useDeploymentChanges } from './deployments';
import { useGitOpsChanges } from './gitops';

/** Where one environment of a project stands. */
export interface EnvironmentOverview {
  environment: Environment;
  /** How Flux reconciles it; absent without a GitOps target. */
  gitops?: EnvironmentGitOpsStatus;
  /** The newest deployment that succeeded: what runs there, as far as Juanie knows. */
  current?: Deployment;
  /** The newest deployment, whatever became of it. */
  latest?: Deployment;
  /** How many deployments to it wait for approval. */
  waitingForApproval: number;
}

async function allItems<T>(
  fetchPage: (cursor?: string) => Promise<Page<T>>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

async function newestDeployment(
  api: JuanieApi,
  org: string,
  project: string,
  query: DeploymentListQuery,
): Promise<Deployment | undefined> {
  const page = await api.listDeployments(org, project, query, { limit: 1 });
  return page.items[0];
}

/** Every environment of a project in promotion order, with its version, state and waiting approvals. */
export async function loadEnvironmentOverview(
  api: JuanieApi,
  org: string,
  project: string,
): Promise<EnvironmentOverview[]> {
  const [environments, gitops, waiting] = await Promise.all([
    allItems(cursor => api.listEnvironments(org, project, { cursor })),
    api.getProjectGitOps(org, project),
    allItems(cursor =>
      api.listDeployments(
        org,
        project,
        { status: ['pending_approval'] },
        { cursor },
      ),
    ),
  ]);
  const ordered = [...environments].sort(byPromotionOrder);
  return Promise.all(
    ordered.map(async environment => {
      const [current, latest] = await Promise.all([
        newestDeployment(api, org, project, {
          environment: environment.slug,
          status: ['succeeded'],
        }),
        newestDeployment(api, org, project, { environment: environment.slug }),
      ]);
      return {
        environment,
        gitops: gitops.items.find(s => s.environment === environment.slug),
        current,
        latest,
        waitingForApproval: waiting.filter(
          d => d.environment === environment.slug,
        ).length,
      };
    }),
  );
}

/** {@link loadEnvironmentOverview}, reloaded when a deployment or Flux object of the project changes. */
export function useEnvironmentOverview(org: string, project: string) {
  const api = useApi(juanieApiRef);
  const state = useAsyncRetry(
    () => loadEnvironmentOverview(api, org, project),
    [api, org, project],
  );
  const reloadOnChange = (change: { org: string; project: string }) => {
    if (change.org === org && change.project === project) state.retry();
  };
  useDeploymentChanges(reloadOnChange);
  useGitOpsChanges(reloadOnChange);
  return state;
}
