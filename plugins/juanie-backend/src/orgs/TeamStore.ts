import { Team, TeamRole } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { toIso } from '../shared/dbValues';
import { MembershipStore } from '../memberships/MembershipStore';

/** A team row, as the services use it. */
export interface TeamRecord extends Team {
  id: string;
  organizationId: string;
}

/** Teams of organisations and their members (knex only, no rules). */
export class TeamStore {
  /** The teams' members (team_members). */
  readonly members: MembershipStore<TeamRole>;

  constructor(private readonly db: Knex) {
    this.members = new MembershipStore(db, { table: 'team_members', scopeColumn: 'team_id', subjectColumn: 'user_ref' });
  }

  private select(db: Knex) {
    return db('teams')
      .join('organizations', 'organizations.id', 'teams.organization_id')
      .whereNull('teams.deleted_at')
      .select(
        'teams.*',
        'organizations.slug as org_slug',
        db('team_members')
          .count('*')
          .where('team_members.team_id', db.ref('teams.id'))
          .as('member_count'),
      );
  }

  private toRecord(row: any): TeamRecord {
    return {
      id: row.id,
      organizationId: row.organization_id,
      org: row.org_slug,
      slug: row.slug,
      title: row.title,
      description: row.description,
      memberCount: Number(row.member_count),
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
    };
  }

  async get(orgId: string, slug: string, trx: Knex = this.db): Promise<TeamRecord | undefined> {
    const row = await this.select(trx)
      .where({ 'teams.organization_id': orgId, 'teams.slug': slug })
      .first();
    return row && this.toRecord(row);
  }

  async list(orgId: string, limit: number, afterSlug?: string): Promise<TeamRecord[]> {
    const query = this.select(this.db)
      .where('teams.organization_id', orgId)
      .orderBy('teams.slug')
      .limit(limit);
    if (afterSlug) query.where('teams.slug', '>', afterSlug);
    return (await query).map(row => this.toRecord(row));
  }

  async create(
    trx: Knex.Transaction,
    team: { id: string; organizationId: string; slug: string; title: string; description: string },
  ): Promise<TeamRecord> {
    const now = new Date();
    await trx('teams').insert({
      id: team.id,
      organization_id: team.organizationId,
      slug: team.slug,
      title: team.title,
      description: team.description,
      created_at: now,
      updated_at: now,
    });
    return (await this.get(team.organizationId, team.slug, trx))!;
  }

  async update(
    trx: Knex.Transaction,
    id: string,
    patch: { title?: string; description?: string },
  ): Promise<void> {
    await trx('teams')
      .where({ id })
      .update({ ...patch, updated_at: new Date() });
  }

  async softDelete(trx: Knex.Transaction, id: string): Promise<void> {
    const now = new Date();
    await trx('teams').where({ id }).update({ deleted_at: now, updated_at: now });
  }

  /** Slugs of the organisation's teams that have one of the principals as a member. */
  async teamSlugsOf(orgId: string, principals: string[]): Promise<string[]> {
    const rows = await this.db('teams')
      .join('team_members', 'team_members.team_id', 'teams.id')
      .where('teams.organization_id', orgId)
      .whereNull('teams.deleted_at')
      .whereIn('team_members.user_ref', principals)
      .distinct('teams.slug');
    return rows.map(row => row.slug);
  }

  /** Every member of the given teams. */
  async membersOfTeams(teamIds: string[]): Promise<Array<{ teamId: string; userRef: string }>> {
    if (teamIds.length === 0) return [];
    const rows = await this.db('team_members')
      .join('teams', 'teams.id', 'team_members.team_id')
      .whereIn('team_members.team_id', teamIds)
      .whereNull('teams.deleted_at')
      .select('team_members.team_id', 'team_members.user_ref');
    return rows.map(row => ({ teamId: row.team_id, userRef: row.user_ref }));
  }

  /** Live teams by id. */
  async getByIds(ids: string[]): Promise<TeamRecord[]> {
    if (ids.length === 0) return [];
    return (await this.select(this.db).whereIn('teams.id', ids)).map(row => this.toRecord(row));
  }
}
