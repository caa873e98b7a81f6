import { ConflictError, InputError } from '@backstage/errors';
import {
  ApprovalRule,
  approvalRuleSchema,
  Deployment,
  DeploymentApproval,
  DeploymentConflict,
  DeploymentEvent,
  DeploymentMethod,
  DeploymentStatus,
  DeploymentTransition,
  DeploymentTransitionActor,
  deploymentTransitionRule,
  AWAITING_FLUX_STATUSES,
  IN_FLIGHT_DEPLOYMENT_STATUSES,
  ManifestChange,
  manifestChangeSchema,
  nextDeploymentStatus,
} from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { DeletedScope } from '../shared/DeletionCascade';
import { forUpdate, toIso, toIsoOrNull } from '../shared/dbValues';
import { VoteFilter, whereMayVote } from './voteEligibilityQuery';

/** A deployment row with the slugs of where it goes: the API's shape plus its own ids. */
export interface DeploymentRecord extends Omit<Deployment, 'commitUrl' | 'approvalsReceived'> {
  projectId: string;
  environmentId: string;
  conflicts: DeploymentConflict[];
}

/** What a new deployment is made of. */
export interface NewDeployment {
  projectId: string;
  environmentId: string;
  method: DeploymentMethod;
  status: DeploymentStatus;
  requestedBy: string;
  workload?: string | null;
  changes?: ManifestChange | null;
  rollbackOf?: string | null;
  message: string;
  baseRevision?: string | null;
  expiresAt?: Date | null;
  approvalRule: ApprovalRule;
}

/**
 * A status change, by the name of its transition in the state machine
 * (DEPLOYMENT_TRANSITIONS in juanie-common), which says from which statuses and to which.
 */
export interface StatusChange {
  transition: DeploymentTransition;
  by: DeploymentTransitionActor;
  reason?: string | null;
  message?: string | null;
  commitSha?: string;
  conflicts?: DeploymentConflict[];
}

/** List filters of a project's deployments. */
export interface DeploymentFilter {
  environmentId?: string;
  statuses?: DeploymentStatus[];
}

/** Only deployments whose environment, project and organisation are not deleted. */
function live(query: Knex.QueryBuilder) {
  query.whereNull('environments.deleted_at').whereNull('projects.deleted_at').whereNull('organizations.deleted_at');
}

// SQLite returns ISO strings with a Z suffix from the text we write; both sort the same.
const SORT_SEPARATOR = '|';

/** Reads a sort key made by sortKeyOf; anything else is a 400. */
function parseSortKey(key: string): { at: Date; id: string } {
  const [createdAt, id, ...rest] = key.split(SORT_SEPARATOR);
  const at = new Date(createdAt);
  if (!id || rest.length > 0 || Number.isNaN(at.getTime())) {
    throw new InputError('Invalid cursor: use the nextCursor of a previous page');
  }
  return { at, id };
}

/** Deployments, their votes and timeline (knex only, no rules). */
export class DeploymentStore {
  constructor(private readonly db: Knex) {}

  async insert(trx: Knex.Transaction, deployment: NewDeployment): Promise<string> {
    const id = randomUUID();
    const now = new Date();
    await trx('deployments').insert({
      id,
      project_id: deployment.projectId,
      environment_id: deployment.environmentId,
      method: deployment.method,
      requested_by: deployment.requestedBy,
      workload: deployment.workload ?? null,
      changes: deployment.changes ? JSON.stringify(deployment.changes) : null,
      rollback_of: deployment.rollbackOf ?? null,
      message: deployment.message,
      base_revision: deployment.baseRevision ?? null,
      status: deployment.status,
      status_changed_at: now,
      expires_at: deployment.expiresAt ?? null,
      approval_rule: JSON.stringify(deployment.approvalRule),
      created_at: now,
      updated_at: now,
    });
    return id;
  }

  async get(id: string, trx: Knex = this.db): Promise<DeploymentRecord | undefined> {
    const [row] = await this.select(trx).where('deployments.id', id);
    return row ? this.toRecord(row) : undefined;
  }

  /** Reads the deployment and locks it (PostgreSQL) until the transaction ends. */
  async getForUpdate(trx: Knex.Transaction, id: string): Promise<DeploymentRecord | undefined> {
    await forUpdate(this.db, trx('deployments').where({ id }).select('id'));
    return this.get(id, trx);
  }

  /**
   * Makes a transition of the state machine: the deployment moves to the transition's status
   * if it is still in one of the statuses the transition leaves. Anything else (an illegal
   * transition, or a concurrent change that got there first) changes nothing and is a 409 that
   * says what the deployment is now. Returns the new status.
   */
  async transition(trx: Knex, id: string, change: StatusChange): Promise<DeploymentStatus> {
    const rule = deploymentTransitionRule(change.transition);
    // Who makes a transition is fixed by the code that calls this: a wrong actor is a bug.
    if (!rule.by.includes(change.by)) throw new Error(`${change.transition} is not made by the ${change.by}`);
    const now = new Date();
    const updated = await trx('deployments')
      .where({ id })
      .whereIn('status', rule.from)
      .update({
        status: rule.to,
        status_reason: change.reason ?? null,
        status_message: change.message ?? null,
        status_changed_at: now,
        updated_at: now,
        ...(change.commitSha ? { commit_sha: change.commitSha } : {}),
        ...(change.conflicts ? { conflicts: JSON.stringify(change.conflicts) } : {}),
      });
    if (updated === 0) {
      const current = await trx('deployments').where({ id }).first('status');
      if (!current) throw new ConflictError(`Deployment ${id} does not exist any more`);
      const refusal = nextDeploymentStatus(current.status, change.transition, change.by);
      throw new ConflictError(`Deployment ${id}: ${refusal.ok ? 'it changed meanwhile' : refusal.reason}`);
    }
    return rule.to;
  }

  /** A project's deployments, newest first. */
  async list(projectId: string, filter: DeploymentFilter, limit: number, after?: string) {
    const query = this.select(this.db)
      .where('deployments.project_id', projectId)
      .orderBy([
        { column: 'deployments.created_at', order: 'desc' },
        { column: 'deployments.id', order: 'desc' },
      ])
      .limit(limit);
    if (filter.environmentId) query.where('deployments.environment_id', filter.environmentId);
    if (filter.statuses?.length) query.whereIn('deployments.status', filter.statuses);
    if (after) {
      const [createdAt, id] = after.split(SORT_SEPARATOR);
      const at = new Date(createdAt);
      query.where(q =>
        q
          .where('deployments.created_at', '<', at)
          .orWhere(same => same.where('deployments.created_at', '=', at).where('deployments.id', '<', id)),
      );
    }
    return (await query).map(row => this.toRecord(row));
  }

  /** The keyset cursor of a listed deployment. */
  sortKeyOf(deployment: DeploymentRecord): string {
    return `${deployment.createdAt}${SORT_SEPARATOR}${deployment.id}`;
  }

  /**
   * The approvals inbox: deployments of live places the voter may vote on now (see
   * voteEligibilityQuery.ts), oldest first, in keyset pages after the sort key `after`.
   */
  async awaitingVote(filter: VoteFilter, limit: number, after?: string): Promise<DeploymentRecord[]> {
    const query = this.select(this.db)
      .modify(live)
      .orderBy([
        { column: 'deployments.created_at', order: 'asc' },
        { column: 'deployments.id', order: 'asc' },
      ])
      .limit(limit);
    whereMayVote(this.db, query, filter);
    if (after) {
      const { at, id } = parseSortKey(after);
      query.where(q =>
        q
          .where('deployments.created_at', '>', at)
          .orWhere(same => same.where('deployments.created_at', '=', at).where('deployments.id', '>', id)),
      );
    }
    return (await query).map((row: Record<string, any>) => this.toRecord(row));
  }

  /**
   * The projects (id and `<org>/<project>` ref) of live places with deployments the voter could
   * vote on, were the permission policy to let them: what the inbox asks the policy about.
   */
  async projectsAwaitingVote(filter: Omit<VoteFilter, 'projects'>): Promise<Array<{ id: string; ref: string }>> {
    const query = this.db('deployments')
      .join('environments', 'environments.id', 'deployments.environment_id')
      .join('projects', 'projects.id', 'deployments.project_id')
      .join('organizations', 'organizations.id', 'projects.organization_id')
      .modify(live)
      .distinct('projects.id as id', 'projects.slug as project_slug', 'organizations.slug as org_slug');
    whereMayVote(this.db, query, filter);
    return (await query).map(row => ({ id: row.id, ref: `${row.org_slug}/${row.project_slug}` }));
  }

  /** Committed deployments of an environment that Flux has not finished with, oldest first. */
  async following(environmentId: string): Promise<DeploymentRecord[]> {
    const rows = await this.select(this.db)
      .where('deployments.environment_id', environmentId)
      .whereIn('deployments.status', AWAITING_FLUX_STATUSES)
      .orderBy('deployments.created_at');
    return rows.map(row => this.toRecord(row));
  }

  /** Every committed deployment of a live environment Flux has not finished with, with when it was committed. */
  async awaitingFlux(): Promise<Array<DeploymentRecord & { committedAt: string }>> {
    const rows = await this.select(this.db).modify(live)
      .whereIn('deployments.status', AWAITING_FLUX_STATUSES)
      .select(
        this.db('deployment_events')
          .whereRaw('deployment_events.deployment_id = deployments.id')
          .where('deployment_events.status', 'committed')
          .min('occurred_at')
          .as('committed_at'),
      );
    return rows.map((row: Record<string, any>) => ({ ...this.toRecord(row), committedAt: toIso(row.committed_at ?? row.status_changed_at) }));
  }

  /** Deployments in flight in what is being deleted (read in the deletion's transaction). */
  async inFlightIn(trx: Knex, scope: DeletedScope): Promise<DeploymentRecord[]> {
    const query = this.select(trx).whereIn('deployments.status', IN_FLIGHT_DEPLOYMENT_STATUSES).orderBy('deployments.created_at');
    if (scope.environmentId) query.where('deployments.environment_id', scope.environmentId);
    else if (scope.projectId) query.where('deployments.project_id', scope.projectId);
    else query.where('projects.organization_id', scope.organizationId);
    return (await query).map((row: Record<string, any>) => this.toRecord(row));
  }

  /**
   * Deployments still in flight whose environment, project or organisation is deleted (left by
   * a version that did not close them on deletion), with what was deleted.
   */
  async inFlightInDeletedPlaces(): Promise<Array<{ deployment: DeploymentRecord; deleted: DeletedScope['level'] }>> {
    const rows = await this.select(this.db)
      .whereIn('deployments.status', IN_FLIGHT_DEPLOYMENT_STATUSES)
      .where(deleted =>
        deleted
          .whereNotNull('environments.deleted_at')
          .orWhereNotNull('projects.deleted_at')
          .orWhereNotNull('organizations.deleted_at'),
      )
      .select(
        'environments.deleted_at as environment_deleted_at',
        'projects.deleted_at as project_deleted_at',
        'organizations.deleted_at as organization_deleted_at',
      )
      .limit(500);
    return rows.map(row => {
      let deleted: DeletedScope['level'] = 'environment';
      if (row.organization_deleted_at) deleted = 'organization';
      else if (row.project_deleted_at) deleted = 'project';
      return { deployment: this.toRecord(row), deleted };
    });
  }

  /** Whether the environment has a deployment of this commit already. */
  async hasCommit(environmentId: string, commitSha: string): Promise<boolean> {
    return Boolean(await this.db('deployments').where({ environment_id: environmentId, commit_sha: commitSha }).first('id'));
  }

  /** Records a commit that reached the branch without Juanie; unique per environment and commit. */
  async insertGitDeployment(
    trx: Knex.Transaction,
    fields: { projectId: string; environmentId: string; commitSha: string; author: string; message: string },
  ): Promise<string> {
    const id = randomUUID();
    const now = new Date();
    await trx('deployments').insert({
      id,
      project_id: fields.projectId,
      environment_id: fields.environmentId,
      method: 'git',
      requested_by: fields.author,
      message: fields.message,
      commit_sha: fields.commitSha,
      status: 'succeeded',
      status_reason: 'Applied',
      status_changed_at: now,
      approval_rule: JSON.stringify({ requiredApprovals: 0 }),
      created_at: now,
      updated_at: now,
    });
    return id;
  }

  /** Ids of requests still waiting for votes after their expiry time. */
  async overdue(now: Date): Promise<string[]> {
    const rows = await this.db('deployments')
      .where({ status: 'pending_approval' })
      .where('expires_at', '<', now)
      .select('id');
    return rows.map(row => row.id);
  }

  async votes(deploymentId: string, trx: Knex = this.db): Promise<DeploymentApproval[]> {
    const rows = await trx('deployment_approvals')
      .where({ deployment_id: deploymentId })
      .orderBy('created_at');
    return rows.map(row => ({
      approverRef: row.approver_ref,
      decision: row.decision,
      comment: row.comment,
      createdAt: toIso(row.created_at),
    }));
  }

  /** How many approvals each of the deployments has received (for lists). */
  async approvalCounts(deploymentIds: string[]): Promise<Map<string, number>> {
    if (deploymentIds.length === 0) return new Map();
    const rows = await this.db('deployment_approvals')
      .whereIn('deployment_id', deploymentIds)
      .where({ decision: 'approve' })
      .groupBy('deployment_id')
      .select('deployment_id')
      .count({ count: '*' });
    return new Map(
      rows.map(row => [String((row as { deployment_id: string }).deployment_id), Number(row.count)]),
    );
  }

  async addVote(trx: Knex.Transaction, deploymentId: string, vote: Omit<DeploymentApproval, 'createdAt'>) {
    await trx('deployment_approvals').insert({
      deployment_id: deploymentId,
      approver_ref: vote.approverRef,
      decision: vote.decision,
      comment: vote.comment,
      created_at: new Date(),
    });
  }

  async addEvent(
    trx: Knex,
    deploymentId: string,
    event: { type: string; actorRef: string; status?: DeploymentStatus | null; message: string },
  ): Promise<void> {
    await trx('deployment_events').insert({
      deployment_id: deploymentId,
      occurred_at: new Date(),
      type: event.type,
      actor_ref: event.actorRef,
      status: event.status ?? null,
      message: event.message,
    });
  }

  async timeline(deploymentId: string): Promise<DeploymentEvent[]> {
    const rows = await this.db('deployment_events').where({ deployment_id: deploymentId }).orderBy('id');
    return rows.map(row => ({
      id: Number(row.id),
      occurredAt: toIso(row.occurred_at),
      type: row.type,
      actorRef: row.actor_ref,
      status: row.status,
      message: row.message,
    }));
  }

  private select(db: Knex) {
    return db('deployments')
      .join('environments', 'environments.id', 'deployments.environment_id')
      .join('projects', 'projects.id', 'deployments.project_id')
      .join('organizations', 'organizations.id', 'projects.organization_id')
      .select(
        'deployments.*',
        'environments.slug as environment_slug',
        'projects.slug as project_slug',
        'organizations.slug as org_slug',
      );
  }

  private toRecord(row: Record<string, any>): DeploymentRecord {
    return {
      id: row.id,
      projectId: row.project_id,
      environmentId: row.environment_id,
      org: row.org_slug,
      project: row.project_slug,
      environment: row.environment_slug,
      method: row.method,
      status: row.status,
      statusReason: row.status_reason,
      statusMessage: row.status_message,
      statusChangedAt: toIso(row.status_changed_at),
      requestedBy: row.requested_by,
      workload: row.workload,
      changes: row.changes ? manifestChangeSchema.parse(JSON.parse(row.changes)) : null,
      rollbackOf: row.rollback_of,
      message: row.message,
      baseRevision: row.base_revision,
      commitSha: row.commit_sha,
      expiresAt: toIsoOrNull(row.expires_at),
      approvalRule: approvalRuleSchema.parse(row.approval_rule ? JSON.parse(row.approval_rule) : {}),
      conflicts: row.conflicts ? JSON.parse(row.conflicts) : [],
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
    };
  }
}
