import { Organization, OrgRole, QuotaLimits } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { JuanieOrganizationQuery } from '@juanie/plugin-juanie-node';
import { ListFilter } from '../access/AccessControl';
import { forUpdate, toIso } from '../shared/dbValues';
import { MembershipStore } from '../memberships/MembershipStore';
import { whereListFilter } from '../shared/permissionCriteria';
import { organizationRuleQuery } from './organizationFilter';

/** An organisation row, as the services use it. */
export interface OrganizationRecord extends Omit<Organization, 'myRole'> {
  id: string;
}

interface OrganizationRow {
  id: string;
  slug: string;
  title: string;
  description: string;
  quota_max_projects: number | null;
  quota_max_environments_per_project: number | null;
  quota_max_members: number | null;
  created_at: Date | string | number;
  updated_at: Date | string | number;
}

const toRecord = (row: OrganizationRow): OrganizationRecord => ({
  id: row.id,
  slug: row.slug,
  title: row.title,
  description: row.description,
  quota: {
    maxProjects: row.quota_max_projects,
    maxEnvironmentsPerProject: row.quota_max_environments_per_project,
    maxMembers: row.quota_max_members,
  },
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
});

const quotaColumns = (quota: Partial<QuotaLimits>) => ({
  ...(quota.maxProjects !== undefined ? { quota_max_projects: quota.maxProjects } : {}),
  ...(quota.maxEnvironmentsPerProject !== undefined
    ? { quota_max_environments_per_project: quota.maxEnvironmentsPerProject }
    : {}),
  ...(quota.maxMembers !== undefined ? { quota_max_members: quota.maxMembers } : {}),
});

/** Organisations and who holds a role in them (knex only, no rules). */
export class OrganizationStore {
  /** The organisation's direct members (organization_members). */
  readonly members: MembershipStore<OrgRole>;

  constructor(private readonly db: Knex) {
    this.members = new MembershipStore(db, { table: 'organization_members', scopeColumn: 'organization_id', subjectColumn: 'user_ref' });
  }

  async getBySlug(slug: string, trx: Knex = this.db): Promise<OrganizationRecord | undefined> {
    const row = await trx<OrganizationRow>('organizations')
      .where({ slug })
      .whereNull('deleted_at')
      .first();
    return row && toRecord(row);
  }

  /** Locks the organisation row for the transaction, so quota and owner checks do not race. */
  async lock(trx: Knex.Transaction, id: string): Promise<void> {
    await forUpdate(this.db, trx('organizations').where({ id }).select('id'));
  }

  /**
   * Organisations whose members, team members or project members include a claim
   * (all of them when `claims` is 'all'), by slug.
   */
  /** Organisations by slug after `afterSlug`, those the permission decision lets through. */
  async list(
    filter: ListFilter<JuanieOrganizationQuery>,
    limit: number,
    afterSlug?: string,
  ): Promise<OrganizationRecord[]> {
    const query = this.db<OrganizationRow>('organizations')
      .whereNull('organizations.deleted_at')
      .orderBy('organizations.slug')
      .limit(limit);
    if (afterSlug) query.where('organizations.slug', '>', afterSlug);
    whereListFilter(query, filter, organizationRuleQuery(this.db));
    return (await query).map(toRecord);
  }

  async create(
    trx: Knex.Transaction,
    org: { id: string; slug: string; title: string; description: string; quota: Partial<QuotaLimits> },
    createdBy: string,
  ): Promise<OrganizationRecord> {
    const now = new Date();
    await trx('organizations').insert({
      id: org.id,
      slug: org.slug,
      title: org.title,
      description: org.description,
      ...quotaColumns(org.quota),
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    });
    return (await this.getBySlug(org.slug, trx))!;
  }

  async update(
    trx: Knex.Transaction,
    id: string,
    patch: { title?: string; description?: string; quota?: Partial<QuotaLimits> },
  ): Promise<void> {
    await trx('organizations')
      .where({ id })
      .update({
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...quotaColumns(patch.quota ?? {}),
        updated_at: new Date(),
      });
  }

  async softDelete(trx: Knex.Transaction, id: string): Promise<void> {
    const now = new Date();
    await trx('organizations').where({ id }).update({ deleted_at: now, updated_at: now });
  }

  /**
   * Everyone with a role in the organisation: its members with their role, and the members
   * of its teams and projects as plain members (they may read the organisation).
   */
  async principalRoles(orgId: string): Promise<Array<{ principalRef: string; role: OrgRole }>> {
    const direct = await this.db('organization_members')
      .where({ organization_id: orgId })
      .select('user_ref as principalRef', 'role');
    const indirect = await this.db
      .select('team_members.user_ref as principalRef')
      .from('team_members')
      .join('teams', 'teams.id', 'team_members.team_id')
      .where('teams.organization_id', orgId)
      .whereNull('teams.deleted_at')
      .union(qb =>
        qb
          .select('project_members.principal_ref as principalRef')
          .from('project_members')
          .join('projects', 'projects.id', 'project_members.project_id')
          .where('projects.organization_id', orgId)
          .whereNull('projects.deleted_at'),
      );
    return [
      ...direct,
      ...indirect.map((row: { principalRef: string }) => ({
        principalRef: row.principalRef,
        role: 'member' as const,
      })),
    ];
  }

}
