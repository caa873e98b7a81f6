import { Repository, RepositoryProvider, RepositoryStatus } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { toIso, toIsoOrNull } from '../shared/dbValues';
import { redactUrl } from '@juanie/plugin-juanie-node';
import { repositoryKeyOf } from './repositoryPush';

/** A repository row, as the services use it. */
export interface RepositoryRecord extends Repository {
  projectId: string;
  organizationId: string;
}

/** What the API shows of a repository. */
export const publicRepository = ({ projectId, organizationId, ...repo }: RepositoryRecord): Repository => repo;

/** Repositories connected to projects (knex only, no rules). */
export class RepositoryStore {
  constructor(private readonly db: Knex) {}

  private select(db: Knex) {
    return db('repositories')
      .join('projects', 'projects.id', 'repositories.project_id')
      .join('organizations', 'organizations.id', 'projects.organization_id')
      .select(
        'repositories.*',
        'projects.slug as project_slug',
        'organizations.slug as org_slug',
        'projects.organization_id as organization_id',
      );
  }

  private toRecord(row: any): RepositoryRecord {
    return {
      id: row.id,
      projectId: row.project_id,
      organizationId: row.organization_id,
      org: row.org_slug,
      project: row.project_slug,
      provider: row.provider,
      purpose: row.purpose,
      // URLs stored before credentials in them were refused are never shown (or used) with them.
      url: redactUrl(row.url),
      defaultBranch: row.default_branch,
      headCommit: row.head_commit,
      syncedAt: toIsoOrNull(row.synced_at),
      status: row.status,
      statusReason: row.status_reason,
      statusMessage: row.status_message,
      statusChangedAt: toIso(row.status_changed_at),
      createdAt: toIso(row.created_at),
    };
  }

  async list(projectId: string): Promise<RepositoryRecord[]> {
    const rows = await this.select(this.db)
      .where('repositories.project_id', projectId)
      .orderBy('repositories.created_at');
    return rows.map(row => this.toRecord(row));
  }

  async get(projectId: string, id: string, trx: Knex = this.db) {
    const row = await this.select(trx)
      .where({ 'repositories.project_id': projectId, 'repositories.id': id })
      .first();
    return row ? this.toRecord(row) : undefined;
  }

  async findByUrl(projectId: string, url: string, trx: Knex = this.db) {
    return trx('repositories').where({ project_id: projectId, url }).first();
  }

  /**
   * Repositories of live projects whose URL names the same repository as one of `keys`
   * ({@link repositoryKeyOf}), in any project. SQL narrows by the last path segment; the
   * exact comparison of URL forms happens here.
   */
  async connectedTo(keys: string[], trx: Knex = this.db): Promise<RepositoryRecord[]> {
    const names = [...new Set(keys.map(key => key.slice(key.lastIndexOf('/') + 1)))];
    if (names.length === 0) return [];
    const rows = await this.select(trx)
      .whereNull('projects.deleted_at')
      .whereNull('organizations.deleted_at')
      // A `%` or `_` in a name only widens this narrowing; the comparison below is exact.
      .where(q => names.forEach(name => q.orWhereRaw('lower(repositories.url) like ?', [`%${name}%`])))
      .orderBy('repositories.created_at');
    return rows.map(row => this.toRecord(row)).filter(repo => keys.includes(repositoryKeyOf(repo.url) ?? ''));
  }

  async create(
    trx: Knex.Transaction,
    repo: { id: string; projectId: string; provider: RepositoryProvider; purpose: string; url: string },
  ): Promise<RepositoryRecord> {
    const now = new Date();
    await trx('repositories').insert({
      id: repo.id,
      project_id: repo.projectId,
      provider: repo.provider,
      purpose: repo.purpose,
      url: repo.url,
      status: 'pending',
      status_changed_at: now,
      created_at: now,
    });
    return (await this.get(repo.projectId, repo.id, trx))!;
  }

  /** Records what a sync found, or why it failed; the status timestamp moves on change only. */
  async recordSync(
    trx: Knex.Transaction,
    current: RepositoryRecord,
    result: {
      status: RepositoryStatus;
      reason: string | null;
      message: string | null;
      defaultBranch?: string;
      headCommit?: string;
    },
  ): Promise<void> {
    const now = new Date();
    await trx('repositories')
      .where({ id: current.id })
      .update({
        status: result.status,
        status_reason: result.reason,
        status_message: result.message,
        ...(current.status !== result.status ? { status_changed_at: now } : {}),
        ...(result.status === 'synced'
          ? { default_branch: result.defaultBranch, head_commit: result.headCommit, synced_at: now }
          : {}),
      });
  }

  async delete(trx: Knex.Transaction, id: string): Promise<void> {
    await trx('repositories').where({ id }).delete();
  }
}
