import {
  juanieContract,
  juanieOrganizationCreatePermission,
  juanieOrganizationDeletePermission,
  juanieOrganizationManagePermission,
  juanieOrganizationReadPermission,
  juanieProjectCreatePermission,
  OrganizationQuota,
  userRefSchema,
} from '@juanie/plugin-juanie-common';
import { Request } from 'express';
import { juanieOrganizationRules } from '@juanie/plugin-juanie-node';
import { AccessControl } from '../access/AccessControl';
import { Caller, Callers } from '../access/Callers';
import { AuditedStep, AuditTrail, CommittedChange } from '../audit/AuditTrail';
import { Knex } from 'knex';
import { NotAllowedError } from '@backstage/errors';
import { pageOf } from '../service/pagination';
import { DeletionCascade } from '../shared/DeletionCascade';
import { parseInput } from '../shared/validation';
import { OrganizationService, unknownOrganization } from './OrganizationService';
import { OrganizationRecord } from './OrganizationStore';
import { TeamService } from './TeamService';
import { operationRouter } from '../service/serveOperation';

/** Counts that live in other domains, for the quota endpoint. */
export interface QuotaUsageSource {
  projectCount(orgId: string): Promise<number>;
  maxEnvironmentsInAProject(orgId: string): Promise<number>;
}

/** Organisations, their members, teams and quotas. */
export function createOrganizationRouter(deps: {
  callers: Callers;
  access: AccessControl;
  audit: AuditTrail;
  orgs: OrganizationService;
  teams: TeamService;
  usage: QuotaUsageSource;
  deletions: DeletionCascade;
  /** Records that a local repository was created for the organisation (RepositoryService.claimLocal). */
  claimLocalRepository: (
    trx: Knex.Transaction,
    org: OrganizationRecord,
    url: string,
    claimedBy: string,
  ) => Promise<CommittedChange<{ url: string }>>;
}) {
  const { callers, access, audit, orgs, teams, usage, deletions } = deps;
  const { router, serve } = operationRouter();

  /** Runs an audited change on an organisation the caller must hold `permission` on. */
  async function changeOrganization<T>(
    req: Request,
    action: string,
    permission: typeof juanieOrganizationManagePermission | typeof juanieProjectCreatePermission,
    body: (step: AuditedStep, caller: Caller, org: OrganizationRecord) => Promise<T>,
  ): Promise<T> {
    const caller = await callers.of(req);
    const target = { resourceType: 'organization', org: req.params.org, resourceId: req.params.org };
    return audit.action(caller.ctx, action, target, async step => {
      const org = await visibleOrganization(caller, req.params.org);
      await access.require(caller.ctx.credentials, permission, org.slug);
      return body(step, caller, org);
    });
  }

  /** The organisation, or the same 404 whether it does not exist or the caller cannot see it. */
  async function visibleOrganization(caller: Caller, slug: string) {
    const org = await orgs.get(slug);
    await access.requireVisible(caller.ctx.credentials, juanieOrganizationReadPermission, org.slug, () =>
      unknownOrganization(slug)
    );
    return org;
  }

  async function readableOrganization(req: Request) {
    const caller = await callers.of(req);
    return { caller, org: await visibleOrganization(caller, req.params.org) };
  }

  serve(juanieContract.listOrganizations, async ({ req }) => {
    const caller = await callers.of(req);
    const filter = await access.listFilter(caller.ctx.credentials, juanieOrganizationReadPermission, juanieOrganizationRules);
    const page = await pageOf(req, (limit, after) => orgs.list(filter, limit, after), o => o.slug);
    const items = await Promise.all(
      page.items.map(async ({ id, ...org }) => ({
        ...org,
        myRole: await orgs.roleOf({ id, ...org }, caller.claims),
      }))
    );
    return { ...page, items };
  });

  serve(juanieContract.createOrganization, async ({ req, body }) => {
    const caller = await callers.of(req);
    const created = await audit.action(
      caller.ctx,
      'organization.create',
      { resourceType: 'organization' },
      async step => {
        const input = body('organisation');
        step.target.org = input.slug;
        step.target.resourceId = input.slug;
        await access.require(caller.ctx.credentials, juanieOrganizationCreatePermission);
        return step.commit(trx => orgs.create(trx, caller.ctx.actorRef, input));
      }
    );
    return created;
  });

  serve(juanieContract.getOrganization, async ({ req }) => {
    const { caller, org } = await readableOrganization(req);
    const { id, ...body } = org;
    return { ...body, myRole: await orgs.roleOf(org, caller.claims) };
  });

  serve(juanieContract.updateOrganization, async ({ req, body }) => {
    const input = () => body('organisation update');
    return (
      await changeOrganization(req, 'organization.update', juanieOrganizationManagePermission, (step, _c, org) => {
        const patch = input();
        return step.commit(trx => orgs.update(trx, org, patch));
      })
    );
  });

  serve(juanieContract.deleteOrganization, async ({ req }) => {
    await changeOrganization(req, 'organization.delete', juanieOrganizationDeletePermission, (step, caller, org) =>
      deletions.commit(
        step,
        { level: 'organization', organizationId: org.id, name: `organisation ${org.slug}` },
        caller.ctx.actorRef,
        trx => orgs.delete(trx, org),
      )
    );
  });

  serve(juanieContract.getOrganizationQuota, async ({ req }) => {
    const { org } = await readableOrganization(req);
    const quota: OrganizationQuota = {
      limits: org.quota,
      usage: {
        projects: await usage.projectCount(org.id),
        members: await orgs.countMembers(org),
        maxEnvironmentsInAProject: await usage.maxEnvironmentsInAProject(org.id),
      },
    };
    return quota;
  });

  serve(juanieContract.listOrgMembers, async ({ req }) => {
    const { org } = await readableOrganization(req);
    return await pageOf(req, (limit, after) => orgs.listMembers(org, limit, after), m => m.userRef);
  });

  serve(juanieContract.addOrgMember, async ({ req, body }) => {
    const member = await changeOrganization(req, 'organization.member.add', juanieOrganizationManagePermission, async (step, caller, org) => {
      const input = body('member');
      const actorRole = await orgs.actorRoleOf(org, caller);
      return step.commit(trx => orgs.addMember(trx, org, input, actorRole));
    });
    return member;
  });

  serve(juanieContract.updateOrgMember, async ({ req, body }) => {
    return (
      await changeOrganization(req, 'organization.member.update', juanieOrganizationManagePermission, async (step, caller, org) => {
        const userRef = parseInput(userRefSchema, req.params.userRef, 'user ref');
        const { role } = body('member update');
        const actorRole = await orgs.actorRoleOf(org, caller);
        return step.commit(trx => orgs.setMemberRole(trx, org, userRef, role, actorRole));
      })
    );
  });

  serve(juanieContract.removeOrgMember, async ({ req }) => {
    await changeOrganization(req, 'organization.member.remove', juanieOrganizationManagePermission, async (step, caller, org) => {
      const userRef = parseInput(userRefSchema, req.params.userRef, 'user ref');
      const actorRole = await orgs.actorRoleOf(org, caller);
      return step.commit(trx => orgs.removeMember(trx, org, userRef, actorRole));
    });
  });

  serve(juanieContract.listTeams, async ({ req }) => {
    const { org } = await readableOrganization(req);
    return await pageOf(req, (limit, after) => teams.list(org, limit, after), t => t.slug);
  });

  // The scaffolder's juanie:publish:git, for a person who runs a template in the organisation,
  // records the local repository it has just created; only that organisation may then connect it.
  serve(juanieContract.claimRepository, async ({ req, body }) => {
    const claim = await changeOrganization(req, 'repository.claim', juanieProjectCreatePermission, async (step, caller, org) => {
      const principal = caller.ctx.credentials.principal as { actor?: { subject?: string } };
      if (principal.actor?.subject !== 'plugin:scaffolder') {
        throw new NotAllowedError('Local repositories are claimed by the scaffolder that creates them');
      }
      const { url } = body('repository claim');
      step.target = { ...step.target, resourceType: 'repository' };
      return step.commit(trx => deps.claimLocalRepository(trx, org, url, caller.ctx.actorRef));
    });
    return claim;
  });

  serve(juanieContract.createTeam, async ({ req, body }) => {
    const team = await changeOrganization(req, 'team.create', juanieOrganizationManagePermission, (step, _c, org) => {
      const input = body('team');
      step.target = { ...step.target, resourceType: 'team', resourceId: `${org.slug}/${input.slug}` };
      return step.commit(trx => teams.create(trx, org, input));
    });
    return team;
  });

  serve(juanieContract.getTeam, async ({ req }) => {
    const { org } = await readableOrganization(req);
    const { id, organizationId, ...team } = await teams.get(org, req.params.team);
    return team;
  });

  serve(juanieContract.updateTeam, async ({ req, body }) => {
    return (
      await changeOrganization(req, 'team.update', juanieOrganizationManagePermission, async (step, _c, org) => {
        const patch = body('team update');
        const team = await teams.get(org, req.params.team);
        return step.commit(trx => teams.update(trx, team, patch));
      })
    );
  });

  serve(juanieContract.deleteTeam, async ({ req }) => {
    await changeOrganization(req, 'team.delete', juanieOrganizationManagePermission, async (step, _c, org) => {
      const team = await teams.get(org, req.params.team);
      return step.commit(trx => teams.delete(trx, team));
    });
  });

  serve(juanieContract.listTeamMembers, async ({ req }) => {
    const { org } = await readableOrganization(req);
    const team = await teams.get(org, req.params.team);
    return await pageOf(req, (limit, after) => teams.listMembers(team, limit, after), m => m.userRef);
  });

  serve(juanieContract.addTeamMember, async ({ req, body }) => {
    const member = await changeOrganization(req, 'team.member.add', juanieOrganizationManagePermission, async (step, _c, org) => {
      const input = body('team member');
      const team = await teams.get(org, req.params.team);
      return step.commit(trx => teams.addMember(trx, team, input));
    });
    return member;
  });

  serve(juanieContract.updateTeamMember, async ({ req, body }) => {
    return (
      await changeOrganization(req, 'team.member.update', juanieOrganizationManagePermission, async (step, _c, org) => {
        const userRef = parseInput(userRefSchema, req.params.userRef, 'user ref');
        const { role } = body('team member update');
        const team = await teams.get(org, req.params.team);
        return step.commit(trx => teams.setMemberRole(trx, team, userRef, role));
      })
    );
  });

  serve(juanieContract.removeTeamMember, async ({ req }) => {
    await changeOrganization(req, 'team.member.remove', juanieOrganizationManagePermission, async (step, _c, org) => {
      const userRef = parseInput(userRefSchema, req.params.userRef, 'user ref');
      const team = await teams.get(org, req.params.team);
      return step.commit(trx => teams.removeMember(trx, team, userRef));
    });
  });

  return router;
}
