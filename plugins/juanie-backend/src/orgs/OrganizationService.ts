import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  isOrgRoleAtLeast,
  Organization,
  ORG_ROLES,
  OrgRole,
  QuotaLimits,
} from '@juanie/plugin-juanie-common';
import { JuanieOrganizationQuery } from '@juanie/plugin-juanie-node';
import { Knex } from 'knex';
import { ListFilter } from '../access/AccessControl';
import { randomUUID } from 'node:crypto';
import { CommittedChange } from '../audit/AuditTrail';
import { OrganizationRecord, OrganizationStore } from './OrganizationStore';
import { isSlug } from '../shared/validation';
import { UserMemberships } from '../memberships/UserMemberships';

/** The 404 of an organisation that does not exist, or that the caller cannot see. */
export function unknownOrganization(slug: string): NotFoundError {
  return new NotFoundError(`Organisation '${slug}' does not exist`);
}

/** Organisations, their members (see {@link UserMemberships}) and quotas: the rules. */
export class OrganizationService {
  private readonly members: UserMemberships<OrgRole, OrganizationRecord>;

  constructor(private readonly store: OrganizationStore) {
    this.members = new UserMemberships({
      store: store.members,
      scopeId: org => org.id,
      resourceId: (_org, userRef) => userRef,
      ceiling: { ladder: ORG_ROLES, scope: org => `organisation ${org.slug}` },
      lock: (trx, org) => store.lock(trx, org.id),
      beforeAdd: async (trx, org) => {
        const limit = org.quota.maxMembers;
        if (limit !== null && (await store.members.count(org.id, trx)) >= limit) {
          throw new ConflictError(
            `Quota maxMembers of organisation ${org.slug} reached (${limit} members)`,
          );
        }
      },
      messages: {
        exists: (org, userRef) => `${userRef} is already a member of ${org.slug}`,
        missing: (org, userRef) => `${userRef} is not a member of ${org.slug}`,
        added: (org, userRef, role) => `Added ${userRef} to organisation ${org.slug} as ${role}`,
        changed: (org, userRef, from, to) =>
          `Changed ${userRef}'s role in organisation ${org.slug} from ${from} to ${to}`,
        removed: (org, userRef) => `Removed ${userRef} from organisation ${org.slug}`,
        lastOwner: (org, userRef) =>
          `${userRef} is the last owner of ${org.slug}; make someone else owner first`,
      },
    });
  }

  /** The organisation, or a 404 that names it. */
  async get(slug: string, trx?: Knex): Promise<OrganizationRecord> {
    const org = isSlug(slug) ? await this.store.getBySlug(slug, trx) : undefined;
    if (!org) throw unknownOrganization(slug);
    return org;
  }

  async list(filter: ListFilter<JuanieOrganizationQuery>, limit: number, afterSlug?: string) {
    return this.store.list(filter, limit, afterSlug);
  }

  /** The strongest role any of the claims holds in the organisation. */
  async roleOf(org: OrganizationRecord, claims: string[]): Promise<OrgRole | undefined> {
    const roles = await this.store.principalRoles(org.id);
    let best: OrgRole | undefined;
    for (const { principalRef, role } of roles) {
      if (claims.includes(principalRef) && (!best || isOrgRoleAtLeast(role, best))) best = role;
    }
    return best;
  }

  /** The caller's role for the role ceiling: platform admins, who may do everything, count as owners. */
  async actorRoleOf(
    org: OrganizationRecord,
    caller: { claims: string[]; isPlatformAdmin: boolean },
  ): Promise<OrgRole | undefined> {
    return caller.isPlatformAdmin ? 'owner' : this.roleOf(org, caller.claims);
  }

  async principalRoles(org: OrganizationRecord) {
    return this.store.principalRoles(org.id);
  }

  async create(
    trx: Knex.Transaction,
    creatorRef: string,
    input: { slug: string; title: string; description?: string; quota?: Partial<QuotaLimits> },
  ): Promise<CommittedChange<Organization>> {
    if (await this.store.getBySlug(input.slug, trx)) {
      throw new ConflictError(`Organisation '${input.slug}' already exists`);
    }
    const org = await this.store.create(
      trx,
      {
        id: randomUUID(),
        slug: input.slug,
        title: input.title,
        description: input.description ?? '',
        quota: input.quota ?? {},
      },
      creatorRef,
    );
    await this.store.members.add(trx, org.id, creatorRef, 'owner');
    const { id, ...after } = org;
    return {
      result: { ...after, myRole: 'owner' },
      resourceId: org.slug,
      message: `Created organisation ${org.slug}; ${creatorRef} is its owner`,
      after,
    };
  }

  async update(
    trx: Knex.Transaction,
    org: OrganizationRecord,
    patch: { title?: string; description?: string; quota?: Partial<QuotaLimits> },
  ): Promise<CommittedChange<Organization>> {
    await this.store.update(trx, org.id, patch);
    const { id, ...updated } = (await this.store.getBySlug(org.slug, trx))!;
    const { id: _id, ...before } = org;
    return {
      result: updated,
      resourceId: org.slug,
      message: `Updated organisation ${org.slug}`,
      before,
      after: updated,
    };
  }

  async delete(trx: Knex.Transaction, org: OrganizationRecord): Promise<CommittedChange<void>> {
    await this.store.softDelete(trx, org.id);
    const { id, ...before } = org;
    return {
      result: undefined,
      resourceId: org.slug,
      message: `Deleted organisation ${org.slug}`,
      before,
    };
  }

  async listMembers(org: OrganizationRecord, limit: number, afterRef?: string) {
    return this.members.listMembers(org, limit, afterRef);
  }

  async countMembers(org: OrganizationRecord) {
    return this.members.count(org);
  }

  async addMember(
    trx: Knex.Transaction,
    org: OrganizationRecord,
    member: { userRef: string; role: OrgRole },
    actorRole: OrgRole | undefined,
  ) {
    return this.members.add(trx, org, member.userRef, member.role, actorRole);
  }

  async setMemberRole(
    trx: Knex.Transaction,
    org: OrganizationRecord,
    userRef: string,
    role: OrgRole,
    actorRole: OrgRole | undefined,
  ) {
    return this.members.setRole(trx, org, userRef, role, actorRole);
  }

  async removeMember(
    trx: Knex.Transaction,
    org: OrganizationRecord,
    userRef: string,
    actorRole: OrgRole | undefined,
  ) {
    return this.members.remove(trx, org, userRef, actorRole);
  }
}
