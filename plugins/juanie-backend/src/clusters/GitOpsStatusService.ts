import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  environmentLabelValue,
  EnvironmentGitOpsStatus,
  FluxObjectStatus,
  GITOPS_SIGNAL_CHANNEL,
} from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { OrganizationService } from '../orgs/OrganizationService';
import { OrganizationRecord } from '../orgs/OrganizationStore';
import { EnvironmentService } from '../projects/EnvironmentService';
import { EnvironmentRecord } from '../projects/EnvironmentStore';
import { ProjectService } from '../projects/ProjectService';
import { ProjectRecord } from '../projects/ProjectStore';
import { RepositoryService } from '../repositories/RepositoryService';
import { RelatedObjects } from '../deployments/workloadProgress';
import { commitOfRevision, fluxKind } from './fluxKinds';
import { FluxObjectRecord, FluxObjectStore } from './FluxObjectStore';
import { ProjectSignals } from '../projects/ProjectSignals';

/** An environment with its organisation and project. */
export interface EnvironmentInContext {
  org: OrganizationRecord;
  project: ProjectRecord;
  env: EnvironmentRecord;
}

/** What happens when an environment's workload changes (the deployment follower). */
export type WorkloadListener = (
  context: EnvironmentInContext,
  workload: FluxObjectRecord,
  previous?: FluxObjectRecord,
  related?: RelatedObjects,
) => Promise<void>;

function stateOf(object: FluxObjectRecord): FluxObjectStatus['state'] {
  const condition = (type: string) => object.conditions.find(c => c.type === type);
  if (object.suspended) return 'Suspended';
  if (condition('Stalled')?.status === 'True') return 'Stalled';
  if (condition('Reconciling')?.status === 'True' || object.readyStatus === 'Unknown') return 'Reconciling';
  if (object.readyStatus === 'True') return 'Ready';
  if (object.readyStatus === 'False') return 'Failed';
  return 'Unknown';
}

/**
 * Ties the Flux objects the watchers see to environments (explicit mapping, or the
 * `juanie.io/environment-id` or `juanie.io/environment` label in the environment's namespace), tells the deployment follower and open pages about changes,
 * and shows an environment's status from the database only.
 */
export class GitOpsStatusService {
  private readonly listeners: WorkloadListener[] = [];

  constructor(
    private readonly deps: {
      db: Knex;
      objects: FluxObjectStore;
      orgs: OrganizationService;
      projects: ProjectService;
      environments: EnvironmentService;
      repositories: RepositoryService;
      /** The cluster of environments that name none. */
      defaultCluster?: string;
      /** Live hints, to those who may read the environment's project only. */
      signals?: ProjectSignals;
      logger: LoggerService;
    },
  ) {}

  onWorkloadChanged(listener: WorkloadListener) {
    this.listeners.push(listener);
  }

  clusterOf(env: EnvironmentRecord): string | undefined {
    return env.cluster ?? this.deps.defaultCluster;
  }

  /** The Kustomization or HelmRelease that applies the environment's path, as last seen. */
  async workloadOf({ org, project, env }: EnvironmentInContext): Promise<FluxObjectRecord | undefined> {
    const cluster = this.clusterOf(env);
    if (!cluster || !env.gitops) return undefined;
    // Rule 2 (docs/tenancy.md): an environment reaches objects in its own namespace only, unless
    // a platform admin mapped it elsewhere. Status, reconcile, suspend and resume all come here.
    const flux = env.gitops.flux;
    if (flux) {
      if (flux.namespace !== env.namespace && !env.fluxGrantedBy) return undefined;
      return this.deps.objects.get({ cluster, ...flux });
    }
    if (!env.namespace) return undefined;
    const label = environmentLabelValue(org.slug, project.slug, env.slug);
    return this.deps.objects.workloadLabelled(cluster, env.namespace, { id: env.id, label });
  }

  /**
   * A watcher stored a changed object: follow the deployments of the environments it serves,
   * and of those whose HelmRelease it applied (a Kustomization) or builds the chart of (a source).
   */
  async objectChanged(current: FluxObjectRecord, previous?: FluxObjectRecord): Promise<void> {
    const kind = fluxKind(current.kind);
    const workloads = kind?.role === 'source' ? await this.workloadsUsing(current) : [current];
    if (current.kind === 'Kustomization') {
      const { namespace, name } = current;
      const applied = await this.deps.objects.appliedBy(current.cluster, { namespace, name });
      workloads.push(...applied.filter(object => object.kind === 'HelmRelease'));
    }
    for (const workload of workloads) {
      for (const context of await this.environmentsOf(workload)) {
        const own = workload === current;
        // Another object changed: the workload itself did not, so it is its own previous state.
        if (own || workload.kind === 'HelmRelease') await this.notify(context, workload, own ? previous : workload);
        await this.signal(context);
      }
    }
  }

  /** Looks at an environment's workload again (e.g. once a commit is recorded). */
  async recheck(context: EnvironmentInContext): Promise<void> {
    const workload = await this.workloadOf(context);
    if (!workload) return;
    await this.notify(context, workload, workload);
  }

  private async notify(context: EnvironmentInContext, workload: FluxObjectRecord, previous?: FluxObjectRecord) {
    const related = await this.relatedTo(workload);
    for (const listener of this.listeners) await listener(context, workload, previous, related);
  }

  /** The workload's source and the Kustomization that applied it, as last seen. */
  private async relatedTo(workload: FluxObjectRecord): Promise<RelatedObjects> {
    const { cluster } = workload;
    const source = workload.source ? await this.deps.objects.get({ cluster, ...workload.source }) : undefined;
    const applier = workload.appliedBy
      ? await this.deps.objects.get({ cluster, kind: 'Kustomization', ...workload.appliedBy })
      : undefined;
    return { source, applier };
  }

  /** `GET .../projects/{project}/gitops`, from the database only. */
  async projectStatus(org: OrganizationRecord, project: ProjectRecord, canOperate: boolean): Promise<EnvironmentGitOpsStatus[]> {
    const repositories = new Map((await this.deps.repositories.list(project)).map(r => [r.id, r]));
    const items: EnvironmentGitOpsStatus[] = [];
    for (const env of await this.deps.environments.list(project)) {
      if (!env.gitops) continue;
      const record = await this.deps.environments.get(project, env.slug);
      const workload = await this.workloadOf({ org, project, env: record });
      const source = workload?.source
        ? await this.deps.objects.get({ cluster: workload.cluster, ...workload.source })
        : undefined;
      const repository = repositories.get(env.gitops.repositoryId);
      items.push({
        environment: env.slug,
        cluster: this.clusterOf(record) ?? null,
        repositoryId: env.gitops.repositoryId,
        branch: env.gitops.branch,
        path: env.gitops.path,
        workload: workload ? this.view(workload, repository) : null,
        source: source ? this.view(source, repository) : null,
        canOperate,
      });
    }
    return items;
  }

  view(object: FluxObjectRecord, repository?: { provider: string; url: string }): FluxObjectStatus {
    const commit = commitOfRevision(object.lastAppliedRevision ?? object.artifactRevision);
    const web = repository?.url.replace(/\.git$/, '');
    const commitUrls: Record<string, string | undefined> = {
      github: commit && web ? `${web}/commit/${commit}` : undefined,
      gitlab: commit && web ? `${web}/-/commit/${commit}` : undefined,
    };
    return {
      cluster: object.cluster,
      kind: object.kind,
      namespace: object.namespace,
      name: object.name,
      state: stateOf(object),
      conditions: object.conditions,
      suspended: object.suspended,
      lastAppliedRevision: object.lastAppliedRevision ?? object.artifactRevision,
      lastAttemptedRevision: object.lastAttemptedRevision,
      lastAppliedCommit: commit,
      lastAppliedCommitUrl: commitUrls[repository?.provider ?? ''] ?? null,
      lastAppliedAt: object.lastAppliedChangedAt,
      current: object.observedGeneration === null || object.observedGeneration === object.generation,
      message: object.readyMessage,
      observedAt: object.observedAt,
    };
  }

  private async workloadsUsing(source: FluxObjectRecord): Promise<FluxObjectRecord[]> {
    const rows = await this.deps.db('flux_objects')
      .where({
        cluster: source.cluster,
        source_kind: source.kind,
        source_namespace: source.namespace,
        source_name: source.name,
      })
      .whereNull('deleted_at')
      .select('kind', 'namespace', 'name');
    const workloads = await Promise.all(rows.map(row => this.deps.objects.get({ cluster: source.cluster, ...row })));
    return workloads.filter((w): w is FluxObjectRecord => Boolean(w));
  }

  /** Environments a workload applies: by explicit mapping, or by its label. */
  private async environmentsOf(workload: FluxObjectRecord): Promise<EnvironmentInContext[]> {
    const mapped = await this.deps.db('gitops_resources')
      .join('environments', 'environments.id', 'gitops_resources.environment_id')
      .join('projects', 'projects.id', 'environments.project_id')
      .join('organizations', 'organizations.id', 'projects.organization_id')
      .where({
        'gitops_resources.flux_kind': workload.kind,
        'gitops_resources.flux_namespace': workload.namespace,
        'gitops_resources.flux_name': workload.name,
      })
      .whereNull('environments.deleted_at')
      .whereNull('projects.deleted_at')
      .whereNull('organizations.deleted_at')
      .select('organizations.slug as org', 'projects.slug as project', 'environments.slug as env');
    const labelled = workload.environmentLabel?.split('.');
    const candidates = [...mapped];
    if (labelled?.length === 3) candidates.push({ org: labelled[0], project: labelled[1], env: labelled[2] });
    if (workload.environmentId) {
      const byId = await this.deps.db('environments')
        .join('projects', 'projects.id', 'environments.project_id')
        .join('organizations', 'organizations.id', 'projects.organization_id')
        .where('environments.id', workload.environmentId)
        .select('organizations.slug as org', 'projects.slug as project', 'environments.slug as env');
      candidates.push(...byId);
    }
    const found: EnvironmentInContext[] = [];
    for (const candidate of candidates) {
      const context = await this.resolve(candidate.org, candidate.project, candidate.env);
      // The workload must be the environment's own (its cluster, and its mapping if explicit).
      if (context && this.clusterOf(context.env) === workload.cluster) {
        const own = await this.workloadOf(context);
        const same = found.some(f => f.env.id === context.env.id);
        if (!same && own?.kind === workload.kind && own.namespace === workload.namespace && own.name === workload.name) {
          found.push(context);
        }
      }
    }
    return found;
  }

  private async resolve(orgSlug: string, projectSlug: string, envSlug: string): Promise<EnvironmentInContext | undefined> {
    try {
      const org = await this.deps.orgs.get(orgSlug);
      const project = await this.deps.projects.get(org, projectSlug);
      const env = await this.deps.environments.get(project, envSlug);
      return { org, project, env };
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  private async signal({ org, project, env }: EnvironmentInContext) {
    await this.deps.signals?.publish({ org: org.slug, project: project.slug }, GITOPS_SIGNAL_CHANNEL, {
      org: org.slug,
      project: project.slug,
      environment: env.slug,
    });
  }
}
