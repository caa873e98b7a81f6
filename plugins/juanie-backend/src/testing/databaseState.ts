import { Knex } from 'knex';

/** Every table that holds domain state (everything but the audit trail). */
export const DOMAIN_TABLES = [
  'organizations',
  'organization_members',
  'teams',
  'team_members',
  'projects',
  'project_members',
  'team_projects',
  'repositories',
  'repository_claims',
  'environments',
  'environment_approvers',
  'gitops_resources',
  'policies',
] as const;

/** Every row of every domain table, in a stable order, to compare before and after. */
export async function snapshotDomainTables(knex: Knex) {
  const snapshot: Record<string, unknown[]> = {};
  for (const table of DOMAIN_TABLES) {
    const rows = await knex(table).select();
    snapshot[table] = rows
      .map(row => JSON.stringify(row))
      .sort();
  }
  return snapshot;
}

/** A raw audit row, as stored. */
export interface StoredAuditRow {
  id: number;
  actor_ref: string;
  action: string;
  resource_type: string;
  resource_id: string | null;
  org: string | null;
  project: string | null;
  outcome: string;
  message: string;
  before: string | null;
  after: string | null;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
}

/** The id of the newest audit row (0 when there is none). */
export async function lastAuditId(knex: Knex): Promise<number> {
  const [{ max }] = await knex('audit_events').max({ max: 'id' });
  return Number(max ?? 0);
}

/** Audit rows appended after the given id, oldest first. */
export async function auditRowsAfter(knex: Knex, id: number): Promise<StoredAuditRow[]> {
  const rows = await knex('audit_events').where('id', '>', id).orderBy('id');
  return rows.map(row => ({ ...row, id: Number(row.id) }));
}
