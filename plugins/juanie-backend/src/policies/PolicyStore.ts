import { PolicyEnforcement, PolicyScope } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { toBoolean, toIso } from '../shared/dbValues';

/** A policy row, with the slugs of its scope. */
export interface PolicyRecord {
  id: string;
  organizationId: string;
  projectId: string | null;
  environmentId: string | null;
  scope: PolicyScope;
  type: string;
  /** Parsed from the stored JSON text, not yet checked against the rule type. */
  params: unknown;
  enforcement: PolicyEnforcement;
  enabled: boolean;
  title: string;
  description: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

/** The columns a create or update writes. */
export interface PolicyFields {
  type: string;
  params: unknown;
  enforcement: PolicyEnforcement;
  enabled: boolean;
  title: string;
  description: string;
}

/** The ids of a scope: an organisation, a project of it, an environment of that project. */
export interface PolicyScopeIds {
  organizationId: string;
  projectId?: string;
  environmentId?: string;
}

function readParams(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const toRecord = (row: any): PolicyRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  projectId: row.project_id ?? null,
  environmentId: row.environment_id ?? null,
  scope: {
    org: row.org_slug,
    ...(row.project_slug ? { project: row.project_slug } : {}),
    ...(row.environment_slug ? { environment: row.environment_slug } : {}),
  },
  type: row.type,
  params: readParams(row.params),
  enforcement: row.enforcement,
  enabled: toBoolean(row.enabled),
  title: row.title,
  description: row.description,
  createdBy: row.created_by,
  createdAt: toIso(row.created_at),
  updatedBy: row.updated_by,
  updatedAt: toIso(row.updated_at),
});

/** How deep a scope is: inherited policies (organisation, then project) come first. */
function depthOf(record: PolicyRecord): number {
  if (record.environmentId) return 2;
  return record.projectId ? 1 : 0;
}

/** Policies (knex only, no rules). */
export class PolicyStore {
  constructor(private readonly db: Knex) {}

  /** Policies of live scopes only: those of a deleted project or environment are gone with it. */
  private select(db: Knex) {
    return db('policies')
      .join('organizations', 'organizations.id', 'policies.organization_id')
      .leftJoin('projects', 'projects.id', 'policies.project_id')
      .leftJoin('environments', 'environments.id', 'policies.environment_id')
      .whereNull('organizations.deleted_at')
      .whereNull('projects.deleted_at')
      .whereNull('environments.deleted_at')
      .orderBy([{ column: 'policies.created_at' }, { column: 'policies.id' }])
      .select(
        'policies.*',
        'organizations.slug as org_slug',
        'projects.slug as project_slug',
        'environments.slug as environment_slug',
      );
  }

  async get(id: string, trx: Knex = this.db): Promise<PolicyRecord | undefined> {
    const row = await this.select(trx).where('policies.id', id).first();
    return row ? toRecord(row) : undefined;
  }

  /** Every policy inside the scope: an organisation's includes those of its projects. */
  async listInScope(scope: PolicyScopeIds): Promise<PolicyRecord[]> {
    const query = this.select(this.db).where('policies.organization_id', scope.organizationId);
    if (scope.projectId) query.where('policies.project_id', scope.projectId);
    if (scope.environmentId) query.where('policies.environment_id', scope.environmentId);
    return (await query).map(toRecord).sort((a, b) => depthOf(a) - depthOf(b));
  }

  /** The enabled policies that apply to an environment: its own and those it inherits. */
  async listEffective(scope: Required<PolicyScopeIds>, trx?: Knex): Promise<PolicyRecord[]> {
    const rows = await this.select(trx ?? this.db)
      .where('policies.organization_id', scope.organizationId)
      .where('policies.enabled', true)
      .where(query =>
        query
          .whereNull('policies.project_id')
          .orWhere(q => q.where('policies.project_id', scope.projectId).whereNull('policies.environment_id'))
          .orWhere('policies.environment_id', scope.environmentId),
      );
    return rows.map(toRecord).sort((a, b) => depthOf(a) - depthOf(b));
  }

  async create(
    trx: Knex.Transaction,
    policy: { id: string; actorRef: string } & PolicyScopeIds & PolicyFields,
  ): Promise<void> {
    const now = new Date();
    await trx('policies').insert({
      id: policy.id,
      organization_id: policy.organizationId,
      project_id: policy.projectId ?? null,
      environment_id: policy.environmentId ?? null,
      ...this.columns(policy),
      created_by: policy.actorRef,
      created_at: now,
      updated_by: policy.actorRef,
      updated_at: now,
    });
  }

  /** Answers false when the policy is gone. */
  async update(trx: Knex.Transaction, id: string, actorRef: string, fields: PolicyFields): Promise<boolean> {
    const updated = await trx('policies')
      .where({ id })
      .update({ ...this.columns(fields), updated_by: actorRef, updated_at: new Date() });
    return updated > 0;
  }

  /** Answers false when the policy is gone. */
  async delete(trx: Knex.Transaction, id: string): Promise<boolean> {
    return (await trx('policies').where({ id }).delete()) > 0;
  }

  private columns(fields: PolicyFields) {
    return {
      type: fields.type,
      params: JSON.stringify(fields.params ?? {}),
      enforcement: fields.enforcement,
      enabled: fields.enabled,
      title: fields.title,
      description: fields.description,
    };
  }
}
