import { ApprovalRule, Environment, EnvironmentKind, GitOpsTarget } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { forUpdate, toBoolean, toIso } from '../shared/dbValues';

/** An environment row, as the services use it. */
export interface EnvironmentRecord extends Environment {
  id: string;
  projectId: string;
  /**
   * The platform admin who mapped the environment to a Flux object outside its own namespace;
   * without it the environment reaches only objects in its namespace (docs/tenancy.md).
   */
  fluxGrantedBy: string | null;
}

/** The columns of an environment that a create or update writes. */
export interface EnvironmentFields {
  title: string;
  description: string;
  kind: EnvironmentKind;
  order: number;
  cluster: string | null;
  namespace: string | null;
  approval: ApprovalRule;
}

function gitOpsTargetOf(row: Record<string, any>): GitOpsTarget {
  return {
    repositoryId: row.gitops_repository_id,
    branch: row.gitops_branch,
    path: row.gitops_path,
    ...(row.gitops_flux_name
      ? { flux: { kind: row.gitops_flux_kind, namespace: row.gitops_flux_namespace, name: row.gitops_flux_name } }
      : {}),
    ...(row.gitops_reconcile_timeout ? { reconcileTimeout: row.gitops_reconcile_timeout } : {}),
  };
}

/** Environments, their approvers and GitOps targets (knex only, no rules). */
export class EnvironmentStore {
  constructor(private readonly db: Knex) {}

  async list(projectId: string, trx: Knex = this.db): Promise<EnvironmentRecord[]> {
    const rows = await this.select(trx).where('environments.project_id', projectId);
    return this.withApprovers(trx, rows);
  }

  async get(projectId: string, slug: string, trx: Knex = this.db) {
    const rows = await this.select(trx)
      .where('environments.project_id', projectId)
      .where('environments.slug', slug);
    return (await this.withApprovers(trx, rows))[0];
  }

  async count(projectId: string, trx: Knex = this.db): Promise<number> {
    const [{ count }] = await trx('environments')
      .where({ project_id: projectId })
      .whereNull('deleted_at')
      .count({ count: '*' });
    return Number(count);
  }

  /**
   * The organisations whose live environments use a namespace of a cluster (environments that
   * name no cluster are in the default one).
   */
  async organizationsInNamespace(
    cluster: { name: string; isDefault: boolean },
    namespace: string,
    trx: Knex = this.db,
  ): Promise<string[]> {
    const rows = await trx('environments')
      .join('projects', 'projects.id', 'environments.project_id')
      .join('organizations', 'organizations.id', 'projects.organization_id')
      .where('environments.namespace', namespace)
      .where(q =>
        cluster.isDefault
          ? q.where('environments.cluster', cluster.name).orWhereNull('environments.cluster')
          : q.where('environments.cluster', cluster.name),
      )
      .whereNull('environments.deleted_at')
      .whereNull('projects.deleted_at')
      .whereNull('organizations.deleted_at')
      .distinct('organizations.id as id');
    return rows.map(row => String(row.id));
  }

  /** Locks the project row for the transaction, so the environment quota check does not race. */
  async lockProject(trx: Knex.Transaction, projectId: string): Promise<void> {
    await forUpdate(this.db, trx('projects').where({ id: projectId }).select('id'));
  }

  async nextOrder(projectId: string, trx: Knex): Promise<number> {
    const [{ max }] = await trx('environments')
      .where({ project_id: projectId })
      .whereNull('deleted_at')
      .max({ max: 'order' });
    return max === null || max === undefined ? 0 : Number(max) + 1;
  }

  /** The largest number of live environments of one live project of the organisation. */
  async maxPerProject(organizationId: string): Promise<number> {
    const rows = await this.db('environments')
      .join('projects', 'projects.id', 'environments.project_id')
      .where('projects.organization_id', organizationId)
      .whereNull('projects.deleted_at')
      .whereNull('environments.deleted_at')
      .groupBy('environments.project_id')
      .count({ count: '*' });
    return rows.reduce((max, row) => Math.max(max, Number(row.count)), 0);
  }

  async create(
    trx: Knex.Transaction,
    env: { id: string; projectId: string; slug: string } & EnvironmentFields,
  ): Promise<void> {
    const now = new Date();
    await trx('environments').insert({
      id: env.id,
      project_id: env.projectId,
      slug: env.slug,
      ...this.columns(env),
      created_at: now,
      updated_at: now,
    });
    await this.replaceApprovers(trx, env.id, env.approval.approvers);
  }

  async update(trx: Knex.Transaction, id: string, fields: EnvironmentFields): Promise<void> {
    await trx('environments')
      .where({ id })
      .update({ ...this.columns(fields), updated_at: new Date() });
    await this.replaceApprovers(trx, id, fields.approval.approvers);
  }

  async softDelete(trx: Knex.Transaction, id: string): Promise<void> {
    const now = new Date();
    await trx('environments').where({ id }).update({ deleted_at: now, updated_at: now });
  }

  /** Points the environment at a GitOps target, or disconnects it with `null`. */
  async setGitOpsTarget(
    trx: Knex.Transaction,
    environmentId: string,
    target: GitOpsTarget | null,
    fluxGrantedBy: string | null = null,
  ) {
    if (target === null) {
      await trx('gitops_resources').where({ environment_id: environmentId }).delete();
      return;
    }
    const now = new Date();
    const columns = {
      repository_id: target.repositoryId,
      branch: target.branch,
      path: target.path,
      flux_kind: target.flux?.kind ?? null,
      flux_namespace: target.flux?.namespace ?? null,
      flux_name: target.flux?.name ?? null,
      flux_granted_by: target.flux ? fluxGrantedBy : null,
      reconcile_timeout: target.reconcileTimeout ?? null,
      updated_at: now,
    };
    const updated = await trx('gitops_resources')
      .where({ environment_id: environmentId })
      .update(columns);
    if (updated === 0) {
      await trx('gitops_resources').insert({
        id: environmentId,
        environment_id: environmentId,
        ...columns,
        created_at: now,
      });
    }
  }

  /** How many live environments point at the repository (it cannot be removed then). */
  async countUsingRepository(repositoryId: string, trx: Knex = this.db): Promise<number> {
    const [{ count }] = await trx('gitops_resources')
      .join('environments', 'environments.id', 'gitops_resources.environment_id')
      .where('gitops_resources.repository_id', repositoryId)
      .whereNull('environments.deleted_at')
      .count({ count: '*' });
    return Number(count);
  }

  private columns(fields: EnvironmentFields) {
    return {
      title: fields.title,
      description: fields.description,
      kind: fields.kind,
      order: fields.order,
      cluster: fields.cluster,
      namespace: fields.namespace,
      approval_required: fields.approval.requiredApprovals,
      approval_allow_self: fields.approval.allowSelfApproval,
      approval_expires_after: fields.approval.expiresAfter,
    };
  }

  private async replaceApprovers(trx: Knex.Transaction, environmentId: string, approvers: string[]) {
    await trx('environment_approvers').where({ environment_id: environmentId }).delete();
    const unique = [...new Set(approvers)];
    if (unique.length > 0) {
      await trx('environment_approvers').insert(
        unique.map(approver_ref => ({ environment_id: environmentId, approver_ref })),
      );
    }
  }

  private select(db: Knex) {
    return db('environments')
      .join('projects', 'projects.id', 'environments.project_id')
      .join('organizations', 'organizations.id', 'projects.organization_id')
      .leftJoin('gitops_resources', 'gitops_resources.environment_id', 'environments.id')
      .whereNull('environments.deleted_at')
      .orderBy([{ column: 'environments.order' }, { column: 'environments.slug' }])
      .select(
        'environments.*',
        'projects.slug as project_slug',
        'organizations.slug as org_slug',
        'gitops_resources.repository_id as gitops_repository_id',
        'gitops_resources.branch as gitops_branch',
        'gitops_resources.path as gitops_path',
        'gitops_resources.flux_kind as gitops_flux_kind',
        'gitops_resources.flux_namespace as gitops_flux_namespace',
        'gitops_resources.flux_name as gitops_flux_name',
        'gitops_resources.flux_granted_by as gitops_flux_granted_by',
        'gitops_resources.reconcile_timeout as gitops_reconcile_timeout',
      );
  }

  private async withApprovers(db: Knex, rows: any[]): Promise<EnvironmentRecord[]> {
    const approvers = rows.length
      ? await db('environment_approvers')
          .whereIn('environment_id', rows.map(row => row.id))
          .orderBy('approver_ref')
      : [];
    return rows.map(row => ({
      id: row.id,
      projectId: row.project_id,
      org: row.org_slug,
      project: row.project_slug,
      slug: row.slug,
      title: row.title,
      description: row.description,
      kind: row.kind,
      order: Number(row.order),
      cluster: row.cluster,
      namespace: row.namespace,
      approval: {
        requiredApprovals: Number(row.approval_required),
        approvers: approvers
          .filter(a => a.environment_id === row.id)
          .map(a => a.approver_ref),
        allowSelfApproval: toBoolean(row.approval_allow_self),
        expiresAfter: row.approval_expires_after,
      },
      gitops: row.gitops_repository_id ? gitOpsTargetOf(row) : null,
      fluxGrantedBy: row.gitops_flux_granted_by ?? null,
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
    }));
  }
}
