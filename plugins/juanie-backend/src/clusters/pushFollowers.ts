import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { OrganizationService } from '../orgs/OrganizationService';
import { EnvironmentService } from '../projects/EnvironmentService';
import { ProjectService } from '../projects/ProjectService';
import { PushFollowers, SourceReconcileRequest } from '../repositories/RepositoryPushes';
import { ClusterClient } from './ClusterClients';
import { fluxKind } from './fluxKinds';
import { GitOpsStatusService } from './GitOpsStatusService';

/** The annotation Flux's controllers (and its webhook Receiver) use to ask for a reconciliation now. */
const REQUESTED_AT = 'reconcile.fluxcd.io/requestedAt';

/**
 * The environments that follow a repository's branch, and their Flux sources asked to fetch it:
 * what a Flux notification-controller Receiver does for a push, annotating each GitRepository
 * with `reconcile.fluxcd.io/requestedAt`. The GitRepository is the one the environment's
 * Kustomization builds from, as the watchers last saw it.
 */
export function createPushFollowers(deps: {
  db: Knex;
  orgs: OrganizationService;
  projects: ProjectService;
  environments: EnvironmentService;
  status: GitOpsStatusService;
  /** Filled in when the clusters start. */
  clients: ClusterClient[];
  logger: LoggerService;
}): PushFollowers {
  const following = (repositoryId: string, branch: string): Promise<Array<{ org: string; project: string; env: string }>> =>
    deps.db('gitops_resources')
      .join('environments', 'environments.id', 'gitops_resources.environment_id')
      .join('projects', 'projects.id', 'environments.project_id')
      .join('organizations', 'organizations.id', 'projects.organization_id')
      .where({ 'gitops_resources.repository_id': repositoryId, 'gitops_resources.branch': branch })
      .whereNull('environments.deleted_at')
      .whereNull('projects.deleted_at')
      .whereNull('organizations.deleted_at')
      .orderBy(['organizations.slug', 'projects.slug', 'environments.slug'])
      .select('organizations.slug as org', 'projects.slug as project', 'environments.slug as env');

  const gitRepository = fluxKind('GitRepository')!;

  return {
    count: async (repositoryId, branch) => (await following(repositoryId, branch)).length,

    async reconcile(repositoryId, branch) {
      const requestedAt = new Date().toISOString();
      // Environments may share a GitRepository: it is asked once.
      const asked = new Map<string, string>();
      const requests: SourceReconcileRequest[] = [];
      for (const row of await following(repositoryId, branch)) {
        const environment = `${row.org}/${row.project}/${row.env}`;
        const org = await deps.orgs.get(row.org);
        const project = await deps.projects.get(org, row.project);
        const env = await deps.environments.get(project, row.env);
        const workload = await deps.status.workloadOf({ org, project, env });
        const source = workload?.source;
        if (!workload || source?.kind !== gitRepository.kind) {
          const why = workload ? `${workload.kind} ${workload.name} builds from no GitRepository` : 'no Flux object seen yet';
          requests.push({ environment, outcome: why });
          continue;
        }
        const name = `GitRepository ${source.namespace}/${source.name} in ${workload.cluster}`;
        if (!asked.has(name)) {
          const client = deps.clients.find(c => c.settings.name === workload.cluster);
          try {
            if (!client) throw new Error('the cluster is not configured');
            await client.mergePatch(gitRepository, source.namespace, source.name, { metadata: { annotations: { [REQUESTED_AT]: requestedAt } } });
            asked.set(name, name);
          } catch (error) {
            deps.logger.warn(`Could not ask ${name} to reconcile after a push: ${error}`);
            asked.set(name, `${name} not asked: ${(error as Error).message}`);
          }
        }
        requests.push({ environment, outcome: asked.get(name)! });
      }
      return requests;
    },
  };
}
