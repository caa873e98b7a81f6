import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { EventsService } from '@backstage/plugin-events-node';
import { AWAITING_FLUX_STATUSES } from '@juanie/plugin-juanie-common';
import { JuaniePaths, JuanieSimulatedClusterProvider } from '@juanie/plugin-juanie-node';
import { Knex } from 'knex';
import path from 'node:path';
import { AccessControl } from '../access/AccessControl';
import { Callers } from '../access/Callers';
import { AuditTrail } from '../audit/AuditTrail';
import { DeploymentFollower } from '../deployments/DeploymentFollower';
import { DeploymentNotifier } from '../deployments/DeploymentNotifier';
import { OrganizationService } from '../orgs/OrganizationService';
import { EnvironmentService } from '../projects/EnvironmentService';
import { ProjectAccess } from '../projects/ProjectAccess';
import { ProjectService } from '../projects/ProjectService';
import { RepositoryService } from '../repositories/RepositoryService';
import { ClusterClient } from './ClusterClients';
import { readClusterSettings } from './clusterConfig';
import { ClusterWatchers } from './ClusterWatchers';
import { createFailureAlerts } from './failureAlerts';
import { subscribeToFluxEvents } from './fluxEvents';
import { FluxObjectStore } from './FluxObjectStore';
import { ClusterTenancy } from './clusterTenancy';
import { applyEnvironmentFlux } from './environmentFlux';
import { EnvironmentInContext, GitOpsStatusService } from './GitOpsStatusService';
import { createPushFollowers } from './pushFollowers';
import { createGitOpsStatusRouter } from './router';
import { ProjectSignals } from '../projects/ProjectSignals';

/** Environments that are not deleted, nor is their project or organisation (joined as such). */
function liveEnvironments(query: Knex.QueryBuilder) {
  query.whereNull('environments.deleted_at').whereNull('projects.deleted_at').whereNull('organizations.deleted_at');
}

/**
 * The clusters domain: configured clusters (simulated ones started by a provider), their watchers, the
 * GitOps status of environments, and the deployment follower hooked to it.
 */
export function createClusters(deps: {
  db: Knex;
  config: Config;
  paths: JuaniePaths;
  logger: LoggerService;
  callers: Callers;
  access: AccessControl;
  audit: AuditTrail;
  projectAccess: ProjectAccess;
  orgs: OrganizationService;
  projects: ProjectService;
  environments: EnvironmentService;
  repositories: RepositoryService;
  follower: DeploymentFollower;
  notifier: DeploymentNotifier;
  signals?: ProjectSignals;
  events?: EventsService;
  /** Which organisations may use which cluster and namespaces. */
  tenancy: ClusterTenancy;
  /** Starts clusters configured `simulated: true` (juanieSimulatedClustersExtensionPoint). */
  simulatedClusters?: JuanieSimulatedClusterProvider;
}) {
  const settings = readClusterSettings(deps.config);
  const objects = new FluxObjectStore(deps.db);
  const clients: ClusterClient[] = [];
  const status = new GitOpsStatusService({ ...deps, objects, defaultCluster: deps.tenancy.defaultCluster });
  status.onWorkloadChanged((context, workload, previous, related) =>
    deps.follower.workloadChanged(context, workload, previous, related),
  );
  status.onWorkloadChanged(createFailureAlerts(deps));
  const router = createGitOpsStatusRouter({ ...deps, status, objects, clients });
  let watchers: ClusterWatchers | undefined;

  /**
   * Gives the cluster the Flux objects of every environment there with a GitOps target (and a
   * namespace), as Juanie applies them; one environment that cannot be given them (unreadable,
   * or no longer granted the namespace) must not keep the cluster, or the portal, from starting.
   */
  async function applyFluxObjectsOfEnvironmentsIn(client: ClusterClient, isDefault: boolean) {
    const cluster = client.settings.name;
    const rows = await deps.db('gitops_resources')
      .join('environments', 'environments.id', 'gitops_resources.environment_id')
      .join('projects', 'projects.id', 'environments.project_id')
      .join('organizations', 'organizations.id', 'projects.organization_id')
      .modify(liveEnvironments)
      .whereNotNull('environments.namespace')
      .where(q => (isDefault ? q.where('environments.cluster', cluster).orWhereNull('environments.cluster') : q.where('environments.cluster', cluster)))
      .select('organizations.slug as org', 'projects.slug as project', 'environments.slug as env');
    for (const row of rows) {
      try {
        const context = await resolve(row);
        const repository = await deps.repositories.get(context.project, context.env.gitops!.repositoryId);
        await applyEnvironmentFlux(deps.tenancy, client, context, repository.url);
      } catch (error) {
        deps.logger.error(`Not giving cluster ${cluster} the Flux objects of ${row.org}/${row.project}/${row.env}: ${error}`);
      }
    }
  }
  async function resolve(row: { org: string; project: string; env: string }): Promise<EnvironmentInContext> {
    const org = await deps.orgs.get(row.org);
    const project = await deps.projects.get(org, row.project);
    const env = await deps.environments.get(project, row.env);
    return { org, project, env };
  }
  const stops: Array<() => Promise<void>> = [];

  return {
    router,
    status,
    objects,
    clients,
    /** Environments following a pushed branch, and their Flux sources asked to fetch it. */
    pushFollowers: createPushFollowers({ ...deps, status, clients }),
    /** Starts the simulated clusters (if configured) and, unless `watch` is false, the watchers. */
    async start(options: { watch: boolean }) {
      const simulatedClusters = deps.simulatedClusters;
      const withoutProvider = settings.filter(cluster => cluster.simulated && !simulatedClusters);
      if (withoutProvider.length) {
        // Refused before anything starts: a portal without the module would show a cluster
        // that never answers.
        throw new Error(
          `juanie.clusters: ${withoutProvider.map(c => c.name).join(', ')} ${withoutProvider.length > 1 ? 'are' : 'is'} ` +
            `configured simulated: true, but no backend module provides simulated clusters. Add ` +
            `@juanie/plugin-juanie-backend-module-dev to the backend (local and trial portals only), ` +
            `or give the cluster a url.`,
        );
      }
      for (const cluster of settings) {
        if (cluster.skipTLSVerify) {
          deps.logger.warn(`Cluster ${cluster.name}: skipTLSVerify is on; the API server's certificate is not checked`);
        }
        if (cluster.simulated && simulatedClusters) {
          const simulated = await simulatedClusters.start({
            name: cluster.name,
            cacheDir: path.join(deps.paths.gitopsCacheDir, `simulator-${cluster.name}`),
          });
          stops.push(simulated.stop);
          const client = new ClusterClient(cluster, simulated.url);
          clients.push(client);
          // The simulated cluster lives in memory: give it the Flux objects of its environments
          // again on every start, as Juanie applied them.
          await applyFluxObjectsOfEnvironmentsIn(client, cluster.name === settings[0]?.name);
        } else {
          clients.push(new ClusterClient(cluster));
        }
      }
      if (deps.events) {
        await subscribeToFluxEvents({ events: deps.events, clients, objects, status, logger: deps.logger });
      }
      if (options.watch && clients.length) {
        watchers = new ClusterWatchers({ db: deps.db, clients, objects, status, logger: deps.logger });
        watchers.start();
      }
    },
    /** Looks again at every environment with a deployment that waits for Flux. */
    async recheckAwaiting() {
      const rows = await deps.db('deployments')
        .join('environments', 'environments.id', 'deployments.environment_id')
        .join('projects', 'projects.id', 'deployments.project_id')
        .join('organizations', 'organizations.id', 'projects.organization_id')
        .whereIn('deployments.status', AWAITING_FLUX_STATUSES)
        .modify(liveEnvironments)
        .distinct('organizations.slug as org', 'projects.slug as project', 'environments.slug as env');
      for (const row of rows) {
        // Each environment on its own: one tenant's trouble must not stop the others' deployments.
        try {
          await status.recheck(await resolve(row));
        } catch (error) {
          deps.logger.error(`Could not look at the Flux status of ${row.org}/${row.project}/${row.env} again: ${error}`);
        }
      }
    },
    async stop() {
      await watchers?.stop();
      for (const stop of stops) await stop();
    },
  };
}
