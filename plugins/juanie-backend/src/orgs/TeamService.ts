import { ConflictError, NotFoundError } from '@backstage/errors';
import { Team, TeamRole } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { CommittedChange } from '../audit/AuditTrail';
import { OrganizationRecord } from './OrganizationStore';
import { TeamRecord, TeamStore } from './TeamStore';
import { isSlug } from '../shared/validation';

const publicTeam = ({ id, organizationId, ...team }: TeamRecord): Team => team;

/** Teams of an organisation and their members: the rules. */
export class TeamService {
  constructor(private readonly store: TeamStore) {}

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
    return this.store.listMembers(team.id, limit, afterRef);
  }

  async addMember(
    trx: Knex.Transaction,
    team: TeamRecord,
    member: { userRef: string; role: TeamRole },
  ): Promise<CommittedChange<{ userRef: string; role: TeamRole; createdAt: string }>> {
    if (await this.store.getMemberRole(team.id, member.userRef, trx)) {
      throw new ConflictError(`${member.userRef} is already a member of team ${team.slug}`);
    }
    await this.store.addMember(trx, team.id, member.userRef, member.role);
    return {
      result: { ...member, createdAt: new Date().toISOString() },
      resourceId: `${team.org}/${team.slug}`,
      message: `Added ${member.userRef} to team ${team.slug} as ${member.role}`,
      after: member,
    };
  }

  async setMemberRole(
    trx: Knex.Transaction,
    team: TeamRecord,
    userRef: string,
    role: TeamRole,
  ): Promise<CommittedChange<{ userRef: string; role: TeamRole }>> {
    const current = await this.memberRole(trx, team, userRef);
    await this.store.setMemberRole(trx, team.id, userRef, role);
    return {
      result: { userRef, role },
      resourceId: `${team.org}/${team.slug}`,
      message: `Changed ${userRef}'s role in team ${team.slug} from ${current} to ${role}`,
      before: { userRef, role: current },
      after: { userRef, role },
    };
  }

  async removeMember(
    trx: Knex.Transaction,
    team: TeamRecord,
    userRef: string,
  ): Promise<CommittedChange<void>> {
    const current = await this.memberRole(trx, team, userRef);
    await this.store.removeMember(trx, team.id, userRef);
    return {
      result: undefined,
      resourceId: `${team.org}/${team.slug}`,
      message: `Removed ${userRef} from team ${team.slug}`,
      before: { userRef, role: current },
    };
  }

  private async memberRole(trx: Knex.Transaction, team: TeamRecord, userRef: string) {
    const role = await this.store.getMemberRole(team.id, userRef, trx);
    if (!role) throw new NotFoundError(`${userRef} is not a member of team ${team.slug}`);
    return role;
  }
}
