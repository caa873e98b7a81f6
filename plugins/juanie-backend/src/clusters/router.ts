import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  juanieClusterReadPermission,
  juanieContract,
  juanieDeploymentCreatePermission,
  juanieProjectManagePermission,
  juanieProjectReadPermission,
} from '@juanie/plugin-juanie-common';
import { AccessControl } from '../access/AccessControl';
import { Callers } from '../access/Callers';
import { EnvironmentService } from '../projects/EnvironmentService';
import { ProjectAccess } from '../projects/ProjectAccess';
import { RepositoryService } from '../repositories/RepositoryService';
import { ClusterClient } from './ClusterClients';
import { fluxKind } from './fluxKinds';
import { FluxObjectStore } from './FluxObjectStore';
import { ClusterTenancy } from './clusterTenancy';
import { applyEnvironmentFlux, deleteEnvironmentFlux } from './environmentFlux';
import { GitOpsStatusService } from './GitOpsStatusService';
import { operationRouter } from '../service/serveOperation';

const OPERATIONS = {
  reconcile: {
    operation: juanieContract.reconcileGitOps,
    permission: juanieDeploymentCreatePermission,
    verb: 'Requested a reconciliation of',
  },
  suspend: { operation: juanieContract.suspendGitOps, permission: juanieProjectManagePermission, verb: 'Suspended' },
  resume: { operation: juanieContract.resumeGitOps, permission: juanieProjectManagePermission, verb: 'Resumed' },
} as const;

/** GitOps status of projects and clusters, and the Flux actions on an environment. */
export function createGitOpsStatusRouter(deps: {
  callers: Callers;
  access: AccessControl;
  projectAccess: ProjectAccess;
  environments: EnvironmentService;
  repositories: RepositoryService;
  status: GitOpsStatusService;
  objects: FluxObjectStore;
  clients: ClusterClient[];
  tenancy: ClusterTenancy;
}) {
  const { projectAccess, environments, status } = deps;
  const { router, serve } = operationRouter();
  const client = (cluster: string | undefined) => {
    const found = deps.clients.find(c => c.settings.name === cluster);
    if (!found) throw new ConflictError(`Cluster ${cluster ?? '(none)'} is not configured in juanie.clusters`);
    return found;
  };

  serve(juanieContract.getProjectGitOps, async ({ req }) => {
    const { caller, org, project } = await projectAccess.read(req, juanieProjectReadPermission);
    const canOperate = await deps.access.can(caller.ctx.credentials, juanieProjectManagePermission, `${org.slug}/${project.slug}`);
    return { items: await status.projectStatus(org, project, canOperate) };
  });

  serve(juanieContract.listClusters, async ({ req }) => {
    const caller = await deps.callers.of(req);
    await deps.access.require(caller.ctx.credentials, juanieClusterReadPermission);
    const rows = await deps.objects.clusterRows();
    const items = await Promise.all(
      deps.clients.map(async ({ settings }) => {
        const row = rows.find(r => r.name === settings.name);
        return {
          name: settings.name,
          simulated: settings.simulated,
          reachable: Boolean(row?.reachable),
          error: row?.error ?? (row ? null : 'not checked yet'),
          checkedAt: row?.checkedAt ?? null,
          flux: row?.flux ?? null,
          objects: await deps.objects.countsByKind(settings.name),
        };
      })
    );
    return { items };
  });

  for (const [operation, { operation: contract, permission, verb }] of Object.entries(OPERATIONS)) {
    serve(contract, async ({ req }) => {
      const result = await projectAccess.change(req, `gitops.${operation}`, 'environment', permission, async (step, { org, project }) => {
        const env = await environments.get(project, req.params.env);
        step.target.resourceId = `${org.slug}/${project.slug}/${env.slug}`;
        const context = { org, project, env };
        const workload = await status.workloadOf(context);
        if (!workload) {
          throw new ConflictError(`No Flux object reconciles ${env.slug} yet (not found in cluster ${status.clusterOf(env) ?? '(none)'})`);
        }
        const kind = fluxKind(workload.kind)!;
        const patches: Record<string, object> = {
          reconcile: { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': new Date().toISOString() } } },
          suspend: { spec: { suspend: true } },
          resume: { spec: { suspend: false } },
        };
        await client(workload.cluster).mergePatch(kind, workload.namespace, workload.name, patches[operation]);
        return step.commit(async () => ({
          result: context,
          message: `${verb} ${workload.kind} ${workload.namespace}/${workload.name} of ${env.slug} in ${workload.cluster}`,
        }));
      });
      const [item] = (await status.projectStatus(result.org, result.project, true)).filter(i => i.environment === result.env.slug);
      return item;
    });
  }

  // Juanie creates (or updates) and deletes the environment's Flux objects, in its namespace.
  serve(juanieContract.applyGitOpsFlux, async ({ req }) => {
    const applied = await projectAccess.change(req, 'gitops.flux.apply', 'environment', juanieProjectManagePermission, async (step, { org, project }) => {
      const env = await environments.get(project, req.params.env);
      step.target.resourceId = `${org.slug}/${project.slug}/${env.slug}`;
      if (!env.gitops) throw new InputError(`Environment ${env.slug} has no GitOps target`);
      const repository = await deps.repositories.get(project, env.gitops.repositoryId);
      const objects = await applyEnvironmentFlux(deps.tenancy, client(status.clusterOf(env)), { org, project, env }, repository.url);
      return step.commit(async () => ({
        result: objects,
        message: `Applied ${objects.map(o => `${o.kind} ${o.metadata?.namespace}/${o.metadata?.name}`).join(', ')} for ${env.slug}`,
        after: objects,
      }));
    });
    return { items: applied };
  });

  serve(juanieContract.deleteGitOpsFlux, async ({ req }) => {
    await projectAccess.change(req, 'gitops.flux.delete', 'environment', juanieProjectManagePermission, async (step, { org, project }) => {
      const env = await environments.get(project, req.params.env);
      step.target.resourceId = `${org.slug}/${project.slug}/${env.slug}`;
      if (!env.gitops) throw new NotFoundError(`Environment ${env.slug} has no GitOps target`);
      const repository = await deps.repositories.get(project, env.gitops.repositoryId);
      await deleteEnvironmentFlux(client(status.clusterOf(env)), { org, project, env }, repository.url);
      return step.commit(async () => ({ result: undefined, message: `Deleted the Flux objects of ${env.slug}` }));
    });
  });

  return router;
}
