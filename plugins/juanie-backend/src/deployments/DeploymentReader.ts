import {
  COMMITTED_DEPLOYMENT_STATUSES,
  Deployment,
  DeploymentDetail,
  DeploymentDiff,
  deploymentTransitionRule,
  juanieDeploymentCreatePermission,
  juanieProjectManagePermission,
  juanieProjectReadPermission,
} from '@juanie/plugin-juanie-common';
import { AccessControl } from '../access/AccessControl';
import { Caller } from '../access/Callers';
import { unifiedDiff } from '../gitops';
import { ProjectRecord } from '../projects/ProjectStore';
import { EnvironmentService } from '../projects/EnvironmentService';
import { RepositoryService } from '../repositories/RepositoryService';
import { DeploymentPreviewer } from './DeploymentPreviewer';
import { DeploymentFilter, DeploymentRecord, DeploymentStore } from './DeploymentStore';
import { DeploymentInContext, DeploymentTargets } from './DeploymentTargets';

/** Web links to commits of the hosted providers; plain git remotes have none. */
function commitUrlOf(repository: { provider: string; url: string }, sha: string | null): string | null {
  if (!sha) return null;
  const web = repository.url.replace(/\.git$/, '');
  if (repository.provider === 'github') return `${web}/commit/${sha}`;
  if (repository.provider === 'gitlab') return `${web}/-/commit/${sha}`;
  return null;
}

/** What the API shows of deployments: lists, one deployment in full, and its diff. */
export class DeploymentReader {
  constructor(
    private readonly deps: {
      store: DeploymentStore;
      targets: DeploymentTargets;
      access: AccessControl;
      repositories: RepositoryService;
      environments: EnvironmentService;
      previewer: DeploymentPreviewer;
      /** Whether the caller's vote would count now (DeploymentApprovals.mayVote). */
      mayVote(caller: Caller, context: DeploymentInContext, votedBy: string[]): Promise<boolean>;
    },
  ) {}

  async list(project: ProjectRecord, filter: DeploymentFilter, limit: number, after?: string) {
    const rows = await this.deps.store.list(project.id, filter, limit + 1, after);
    const items = await this.toApi(project, rows.slice(0, limit));
    const last = rows[limit - 1];
    return rows.length > limit ? { items, nextCursor: this.deps.store.sortKeyOf(last) } : { items };
  }

  /** Deployments of any projects, as the API shows them (for the approvals inbox): read per project. */
  async many(records: DeploymentRecord[]): Promise<Deployment[]> {
    const byProject = new Map<string, DeploymentRecord[]>();
    for (const record of records) byProject.set(record.projectId, [...(byProject.get(record.projectId) ?? []), record]);
    const shown = new Map<string, Deployment>();
    for (const ofProject of byProject.values()) {
      const { project } = await this.deps.targets.resolve(ofProject[0].id);
      for (const item of await this.toApi(project, ofProject)) shown.set(item.id, item);
    }
    return records.map(record => shown.get(record.id)!);
  }

  /** `GET /deployments/{id}`: 404 unknown, 403 without read access to the project. */
  async detail(caller: Caller, id: string): Promise<DeploymentDetail> {
    const context = await this.readable(caller, id);
    const { deployment, project } = context;
    const [base] = await this.toApi(project, [deployment]);
    const approvals = await this.deps.store.votes(id);
    return {
      ...base,
      approvals,
      timeline: await this.deps.store.timeline(id),
      conflicts: deployment.conflicts,
      allowedActions: await this.allowedActions(caller, context, approvals),
    };
  }

  /** `GET /deployments/{id}/diff`: the commit's diff once committed, else a fresh preview. */
  async diff(caller: Caller, id: string): Promise<DeploymentDiff> {
    const { deployment, org, project, env } = await this.readable(caller, id);
    try {
      const gitops = await this.deps.targets.gitops(project, env);
      if (deployment.commitSha) {
        const parent = await gitops.workingCopy.parentOf(deployment.commitSha);
        const diff = await gitops.workingCopy.diff(parent, deployment.commitSha, gitops.path);
        return { source: 'commit', revision: deployment.commitSha, diff };
      }
      if (deployment.method === 'rollback') {
        const earlier = await this.deps.store.get(deployment.rollbackOf ?? '');
        const { revision, files } = await gitops.workingCopy.readSnapshot(gitops.branch, gitops.path);
        const restored = await gitops.workingCopy.readRevision(earlier!.commitSha!, gitops.path);
        const own = Object.fromEntries(Object.entries(files).filter(([file]) => !file.startsWith('../')));
        const after = Object.fromEntries(Object.keys({ ...own, ...restored }).map(f => [f, restored[f] ?? '']));
        return { source: 'preview', revision, diff: unifiedDiff(own, after, { pathPrefix: gitops.path }) };
      }
      const preview = await this.deps.previewer.preview(org, project, env, {
        changes: deployment.changes!,
        workload: deployment.workload ?? undefined,
      });
      return { source: 'preview', revision: preview.baseRevision, diff: preview.diff };
    } catch (error) {
      return { source: deployment.commitSha ? 'commit' : 'preview', revision: null, diff: '', error: (error as Error).message };
    }
  }

  private async readable(caller: Caller, id: string): Promise<DeploymentInContext> {
    const context = await this.deps.targets.resolveFor(caller.ctx.credentials, id);
    await this.deps.access.require(
      caller.ctx.credentials,
      juanieProjectReadPermission,
      `${context.org.slug}/${context.project.slug}`,
    );
    return context;
  }

  private async allowedActions(
    caller: Caller,
    context: DeploymentInContext,
    approvals: DeploymentDetail['approvals'],
  ): Promise<DeploymentDetail['allowedActions']> {
    const { deployment, org, project } = context;
    const projectRef = `${org.slug}/${project.slug}`;
    const can = (permission: Parameters<AccessControl['can']>[1]) =>
      this.deps.access.can(caller.ctx.credentials, permission, projectRef);
    const mine = deployment.requestedBy === caller.ctx.actorRef;
    const canCreate = await can(juanieDeploymentCreatePermission);
    return {
      vote: await this.deps.mayVote(caller, context, approvals.map(vote => vote.approverRef)),
      cancel:
        deploymentTransitionRule('cancel').from.includes(deployment.status) &&
        canCreate &&
        (mine || (await can(juanieProjectManagePermission))),
      rollback: COMMITTED_DEPLOYMENT_STATUSES.includes(deployment.status) && Boolean(deployment.commitSha) && canCreate,
    };
  }

  private async toApi(project: ProjectRecord, records: DeploymentRecord[]): Promise<Deployment[]> {
    const counts = await this.deps.store.approvalCounts(records.map(r => r.id));
    const repositories = new Map((await this.deps.repositories.list(project)).map(r => [r.id, r]));
    // Each environment's GitOps repository, read once for the whole page.
    const repositoryOf = new Map(
      (await this.deps.environments.list(project)).map(env => [env.slug, env.gitops?.repositoryId]),
    );
    const items: Deployment[] = [];
    for (const record of records) {
      const repository = repositories.get(repositoryOf.get(record.environment) ?? '');
      const { projectId, environmentId, conflicts, ...shown } = record;
      items.push({
        ...shown,
        commitUrl: repository ? commitUrlOf(repository, record.commitSha) : null,
        approvalsReceived: counts.get(record.id) ?? 0,
      });
    }
    return items;
  }
}
