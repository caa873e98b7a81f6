import { ConflictError, NotFoundError } from '@backstage/errors';
import { Team, TeamRole } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { CommittedChange } from '../audit/AuditTrail';
import { OrganizationRecord } from './OrganizationStore';
import { TeamRecord, TeamStore } from './TeamStore';
import { isSlug } from '../shared/validation';
import { UserMemberships } from '../memberships/UserMemberships';

const publicTeam = ({ id, organizationId, ...team }: TeamRecord): Team => team;

/** Teams of an organisation and their members: the rules. */
export class TeamService {
  /**
   * No role ceiling: lead and member grant nothing by themselves (a team's project grants do), and
   * only holders of the organisation's manage permission change them.
   */
  private readonly members: UserMemberships<TeamRole, TeamRecord>;

  constructor(private readonly store: TeamStore) {
    this.members = new UserMemberships({
      store: store.members,
      scopeId: team => team.id,
      resourceId: team => `${team.org}/${team.slug}`,
      messages: {
        exists: (team, userRef) => `${userRef} is already a member of team ${team.slug}`,
        missing: (team, userRef) => `${userRef} is not a member of team ${team.slug}`,
        added: (team, userRef, role) => `Added ${userRef} to team ${team.slug} as ${role}`,
        changed: (team, userRef, from, to) =>
          `Changed ${userRef}'s role in team ${team.slug} from ${from} to ${to}`,
        removed: (team, userRef) => `Removed ${userRef} from team ${team.slug}`,
      },
    });
  }

  async get(org: OrganizationRecord, slug: string, trx?: Knex): Promise<TeamRecord> {
    const team = isSlug(slug) ? await this.store.get(org.id, slug, trx) : undefined;
    if (!team) throw new NotFoundError(`Team '${slug}' does not exist in ${org.slug}`);
    return team;
  }

  async list(org: OrganizationRecord, limit: number, afterSlug?: string) {
    return (await this.store.list(org.id, limit, afterSlug)).map(publicTeam);
  }

  async teamSlugsOf(org: OrganizationRecord, principals: string[]) {
    return this.store.teamSlugsOf(org.id, principals);
  }

  /** User refs of the members of the organisation's teams with these slugs. */
  async memberRefsOf(org: OrganizationRecord, slugs: string[]): Promise<string[]> {
    const teams = await Promise.all(slugs.map(slug => this.store.get(org.id, slug)));
    const ids = teams.flatMap(team => (team ? [team.id] : []));
    return [...new Set((await this.store.membersOfTeams(ids)).map(member => member.userRef))];
  }

  async create(
    trx: Knex.Transaction,
    org: OrganizationRecord,
    input: { slug: string; title: string; description?: string },
  ): Promise<CommittedChange<Team>> {
    if (await this.store.get(org.id, input.slug, trx)) {
      throw new ConflictError(`Team '${input.slug}' already exists in ${org.slug}`);
    }
    const team = publicTeam(
      await this.store.create(trx, {
        id: randomUUID(),
        organizationId: org.id,
        slug: input.slug,
        title: input.title,
        description: input.description ?? '',
      }),
    );
    return {
      result: team,
      resourceId: `${org.slug}/${team.slug}`,
      message: `Created team ${team.slug} in ${org.slug}`,
      after: team,
    };
  }

  async update(
    trx: Knex.Transaction,
    team: TeamRecord,
    patch: { title?: string; description?: string },
  ): Promise<CommittedChange<Team>> {
    await this.store.update(trx, team.id, patch);
    const updated = publicTeam((await this.store.get(team.organizationId, team.slug, trx))!);
    return {
      result: updated,
      resourceId: `${team.org}/${team.slug}`,
      message: `Updated team ${team.slug} in ${team.org}`,
      before: publicTeam(team),
      after: updated,
    };
  }

  async delete(trx: Knex.Transaction, team: TeamRecord): Promise<CommittedChange<void>> {
    await this.store.softDelete(trx, team.id);
    return {
      result: undefined,
      resourceId: `${team.org}/${team.slug}`,
      message: `Deleted team ${team.slug} in ${team.org}`,
      before: publicTeam(team),
    };
  }

  async listMembers(team: TeamRecord, limit: number, afterRef?: string) {
    return this.members.listMembers(team, limit, afterRef);
  }

  async addMember(trx: Knex.Transaction, team: TeamRecord, member: { userRef: string; role: TeamRole }) {
    return this.members.add(trx, team, member.userRef, member.role);
  }

  async setMemberRole(trx: Knex.Transaction, team: TeamRecord, userRef: string, role: TeamRole) {
    return this.members.setRole(trx, team, userRef, role);
  }

  async removeMember(trx: Knex.Transaction, team: TeamRecord, userRef: string) {
    return this.members.remove(trx, team, userRef);
  }
}
