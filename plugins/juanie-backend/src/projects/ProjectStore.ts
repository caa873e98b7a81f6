import { Project, ProjectMember, ProjectRole } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { toIso, toIsoOrNull } from '../shared/dbValues';
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
  constructor(private readonly db: Knex) {}

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

  async listMembers(projectId: string, limit: number, afterRef?: string): Promise<ProjectMember[]> {
    const query = this.db('project_members')
      .where({ project_id: projectId })
      .orderBy('principal_ref')
      .limit(limit);
    if (afterRef) query.where('principal_ref', '>', afterRef);
    return (await query).map(row => ({
      userRef: row.principal_ref,
      role: row.role,
      createdAt: toIso(row.created_at),
    }));
  }

  async getMemberRole(projectId: string, principalRef: string, trx: Knex = this.db) {
    const row = await trx('project_members')
      .where({ project_id: projectId, principal_ref: principalRef })
      .first();
    return row?.role as ProjectRole | undefined;
  }

  async addMember(trx: Knex.Transaction, projectId: string, principalRef: string, role: ProjectRole) {
    await trx('project_members').insert({
      project_id: projectId,
      principal_ref: principalRef,
      role,
      created_at: new Date(),
    });
  }

  async setMemberRole(trx: Knex.Transaction, projectId: string, principalRef: string, role: ProjectRole) {
    await trx('project_members')
      .where({ project_id: projectId, principal_ref: principalRef })
      .update({ role });
  }

  async removeMember(trx: Knex.Transaction, projectId: string, principalRef: string) {
    await trx('project_members').where({ project_id: projectId, principal_ref: principalRef }).delete();
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

  /** Teams with a role on the project. */
  async listTeams(projectId: string): Promise<Array<{ teamId: string; role: ProjectRole; createdAt: string }>> {
    const rows = await this.db('team_projects').where({ project_id: projectId });
    return rows.map(row => ({
      teamId: row.team_id,
      role: row.role,
      createdAt: toIso(row.created_at),
    }));
  }

  async getTeamRole(projectId: string, teamId: string, trx: Knex = this.db) {
    const row = await trx('team_projects').where({ project_id: projectId, team_id: teamId }).first();
    return row?.role as ProjectRole | undefined;
  }

  async addTeam(trx: Knex.Transaction, projectId: string, teamId: string, role: ProjectRole) {
    await trx('team_projects').insert({
      project_id: projectId,
      team_id: teamId,
      role,
      created_at: new Date(),
    });
  }

  async setTeamRole(trx: Knex.Transaction, projectId: string, teamId: string, role: ProjectRole) {
    await trx('team_projects').where({ project_id: projectId, team_id: teamId }).update({ role });
  }

  async removeTeam(trx: Knex.Transaction, projectId: string, teamId: string) {
    await trx('team_projects').where({ project_id: projectId, team_id: teamId }).delete();
  }
}
