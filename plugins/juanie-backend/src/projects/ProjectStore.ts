import { Project, ProjectRole } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { toIso, toIsoOrNull } from '../shared/dbValues';
import { MembershipStore } from '../memberships/MembershipStore';
import { JuanieProjectQuery } from '@juanie/plugin-juanie-node';
import { ListFilter } from '../access/AccessControl';
import { whereListFilter } from '../shared/permissionCriteria';
import { projectRuleQuery } from './projectFilter';

/** A project row, as the services use it. */
export interface ProjectRecord extends Omit<Project, 'myRole'> {
  id: string;
  organizationId: string;
}

/** Who may see a list of projects: everyone, or the holders of these claims and teams. */

const toRecord = (row: any): ProjectRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  org: row.org_slug,
  slug: row.slug,
  title: row.title,
  description: row.description,
  archivedAt: toIsoOrNull(row.archived_at),
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
});

/** Projects, their direct members and their teams (knex only, no rules). */
export class ProjectStore {
  /** The projects' direct members, users or groups (project_members). */
  readonly members: MembershipStore<ProjectRole>;
  /** The teams with a role on the projects (team_projects). */
  readonly teams: MembershipStore<ProjectRole>;

  constructor(private readonly db: Knex) {
    this.members = new MembershipStore(db, { table: 'project_members', scopeColumn: 'project_id', subjectColumn: 'principal_ref' });
    this.teams = new MembershipStore(db, { table: 'team_projects', scopeColumn: 'project_id', subjectColumn: 'team_id' });
  }

  private select(db: Knex) {
    return db('projects')
      .join('organizations', 'organizations.id', 'projects.organization_id')
      .whereNull('projects.deleted_at')
      .whereNull('organizations.deleted_at')
      .select('projects.*', 'organizations.slug as org_slug');
  }

  async get(orgId: string, slug: string, trx: Knex = this.db) {
    const row = await this.select(trx)
      .where({ 'projects.organization_id': orgId, 'projects.slug': slug })
      .first();
    return row ? toRecord(row) : undefined;
  }

  /**
   * Projects by organisation and slug, after the cursor `org/slug`; `orgId` narrows to one
   * organisation.
   */
  async list(
    orgId: string | undefined,
    filter: ListFilter<JuanieProjectQuery>,
    limit: number,
    after?: { org: string; slug: string },
  ): Promise<ProjectRecord[]> {
    const query = this.select(this.db).limit(limit);
    if (orgId) {
      // One organisation: the (organization_id, slug) index gives the order without a sort.
      query.where('projects.organization_id', orgId).orderBy('projects.slug');
      if (after) query.where('projects.slug', '>', after.slug);
    } else {
      query.orderBy([{ column: 'organizations.slug' }, { column: 'projects.slug' }]);
    }
    if (after && !orgId) {
      query.where(q =>
        q
          .where('organizations.slug', '>', after.org)
          .orWhere(q2 =>
            q2.where('organizations.slug', after.org).where('projects.slug', '>', after.slug),
          ),
      );
    }
    whereListFilter(query, filter, projectRuleQuery(this.db));
    return (await query).map(toRecord);
  }

  async count(orgId: string, trx: Knex = this.db): Promise<number> {
    const [{ count }] = await trx('projects')
      .where({ organization_id: orgId })
      .whereNull('deleted_at')
      .count({ count: '*' });
    return Number(count);
  }

  async create(
    trx: Knex.Transaction,
    project: { id: string; organizationId: string; slug: string; title: string; description: string },
  ): Promise<ProjectRecord> {
    const now = new Date();
    await trx('projects').insert({
      id: project.id,
      organization_id: project.organizationId,
      slug: project.slug,
      title: project.title,
      description: project.description,
      created_at: now,
      updated_at: now,
    });
    return (await this.get(project.organizationId, project.slug, trx))!;
  }

  async update(
    trx: Knex.Transaction,
    id: string,
    patch: { title?: string; description?: string; archivedAt?: Date | null },
  ): Promise<void> {
    await trx('projects')
      .where({ id })
      .update({
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.archivedAt !== undefined ? { archived_at: patch.archivedAt } : {}),
        updated_at: new Date(),
      });
  }

  async softDelete(trx: Knex.Transaction, id: string): Promise<void> {
    const now = new Date();
    await trx('projects').where({ id }).update({ deleted_at: now, updated_at: now });
  }

  /** Every direct member of the projects, with their role. */
  async membersOf(
    projectIds: string[],
  ): Promise<Array<{ projectId: string; principalRef: string; role: ProjectRole }>> {
    return this.db('project_members')
      .whereIn('project_id', projectIds)
      .select('project_id as projectId', 'principal_ref as principalRef', 'role');
  }

  /** The teams with a role on the projects, and that role. */
  async teamGrantsOf(
    projectIds: string[],
  ): Promise<Array<{ projectId: string; teamId: string; role: ProjectRole }>> {
    return this.db('team_projects')
      .whereIn('project_id', projectIds)
      .select('project_id as projectId', 'team_id as teamId', 'role');
  }
}
