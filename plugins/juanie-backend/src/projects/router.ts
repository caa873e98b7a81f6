import { InputError } from '@backstage/errors';
import {
  juanieContract,
  juanieOrganizationReadPermission,
  juanieProjectCreatePermission,
  juanieProjectDeletePermission,
  juanieProjectManagePermission,
  juanieProjectReadPermission,
  slugSchema,
  userRefSchema,
} from '@juanie/plugin-juanie-common';
import { juanieProjectRules } from '@juanie/plugin-juanie-node';
import { AccessControl } from '../access/AccessControl';
import { Callers } from '../access/Callers';
import { AuditTrail } from '../audit/AuditTrail';
import { OrganizationService, unknownOrganization } from '../orgs/OrganizationService';
import { TeamService } from '../orgs/TeamService';
import { pageOf } from '../service/pagination';
import { DeletionCascade } from '../shared/DeletionCascade';
import { parseInput } from '../shared/validation';
import { ProjectAccess } from './ProjectAccess';
import { ProjectService } from './ProjectService';
import { operationRouter } from '../service/serveOperation';

/** Projects, their members and the teams that hold a role on them. */
export function createProjectRouter(deps: {
  callers: Callers;
  access: AccessControl;
  audit: AuditTrail;
  orgs: OrganizationService;
  teams: TeamService;
  projects: ProjectService;
  projectAccess: ProjectAccess;
  deletions: DeletionCascade;
}) {
  const { callers, access, audit, orgs, teams, projects, projectAccess, deletions } = deps;
  const { router, serve } = operationRouter();
  const splitKey = (key?: string) => {
    if (key === undefined) return undefined;
    const [org, slug] = key.split('/');
    if (!org || !slug) throw new InputError('Invalid cursor: use the nextCursor of a previous page');
    return { org, slug };
  };

  serve(juanieContract.listAllProjects, async ({ req }) => {
    const caller = await callers.of(req);
    const filter = await access.listFilter(caller.ctx.credentials, juanieProjectReadPermission, juanieProjectRules);
    const page = await pageOf(
      req,
      (limit, after) => projects.list(undefined, filter, limit, splitKey(after)),
      p => `${p.org}/${p.slug}`
    );
    return { ...page, items: await projects.withRoles(page.items, caller) };
  });

  serve(juanieContract.listProjects, async ({ req }) => {
    const caller = await callers.of(req);
    const org = await orgs.get(req.params.org);
    await access.requireVisible(caller.ctx.credentials, juanieOrganizationReadPermission, org.slug, () =>
      unknownOrganization(org.slug)
    );
    const filter = await access.listFilter(caller.ctx.credentials, juanieProjectReadPermission, juanieProjectRules);
    const page = await pageOf(
      req,
      (limit, after) => projects.list(org, filter, limit, after ? { org: org.slug, slug: after } : undefined),
      p => p.slug
    );
    return { ...page, items: await projects.withRoles(page.items, caller) };
  });

  serve(juanieContract.createProject, async ({ req, body }) => {
    const caller = await callers.of(req);
    const target = { resourceType: 'project', org: req.params.org };
    const created = await audit.action(caller.ctx, 'project.create', target, async step => {
      const input = body('project');
      step.target.project = input.slug;
      step.target.resourceId = `${req.params.org}/${input.slug}`;
      const org = await orgs.get(req.params.org);
      await access.requireVisible(caller.ctx.credentials, juanieOrganizationReadPermission, org.slug, () =>
        unknownOrganization(org.slug)
      );
      await access.require(caller.ctx.credentials, juanieProjectCreatePermission, org.slug);
      return step.commit(trx => projects.create(trx, org, caller.ctx.actorRef, input));
    });
    return created;
  });

  serve(juanieContract.getProject, async ({ req }) => {
    const { caller, project } = await projectAccess.read(req, juanieProjectReadPermission);
    const [withRole] = await projects.withRoles([project], caller);
    return withRole;
  });

  serve(juanieContract.updateProject, async ({ req, body }) => {
    const patch = () => body('project update');
    return (
      await projectAccess.change(req, 'project.update', 'project', juanieProjectManagePermission, (step, { project }) => {
        const input = patch();
        return step.commit(trx => projects.update(trx, project, input));
      })
    );
  });

  serve(juanieContract.deleteProject, async ({ req }) => {
    await projectAccess.change(req, 'project.delete', 'project', juanieProjectDeletePermission, (step, { caller, org, project }) =>
      deletions.commit(
        step,
        { level: 'project', organizationId: org.id, projectId: project.id, name: `project ${org.slug}/${project.slug}` },
        caller.ctx.actorRef,
        trx => projects.delete(trx, project),
      )
    );
  });

  serve(juanieContract.listProjectMembers, async ({ req }) => {
    const { project } = await projectAccess.read(req, juanieProjectReadPermission);
    return await pageOf(req, (limit, after) => projects.listMembers(project, limit, after), m => m.userRef);
  });

  serve(juanieContract.addProjectMember, async ({ req, body }) => {
    const member = await projectAccess.change(req, 'project.member.add', 'project', juanieProjectManagePermission, async (step, { caller, project }) => {
      const input = body('member');
      const actorRole = await projects.actorRoleOf(project, caller);
      return step.commit(trx => projects.addMember(trx, project, input, actorRole));
    });
    return member;
  });

  serve(juanieContract.updateProjectMember, async ({ req, body }) => {
    return (
      await projectAccess.change(req, 'project.member.update', 'project', juanieProjectManagePermission, async (step, { caller, project }) => {
        const userRef = parseInput(userRefSchema, req.params.userRef, 'user ref');
        const { role } = body('member update');
        const actorRole = await projects.actorRoleOf(project, caller);
        return step.commit(trx => projects.setMemberRole(trx, project, userRef, role, actorRole));
      })
    );
  });

  serve(juanieContract.removeProjectMember, async ({ req }) => {
    await projectAccess.change(req, 'project.member.remove', 'project', juanieProjectManagePermission, async (step, { caller, project }) => {
      const userRef = parseInput(userRefSchema, req.params.userRef, 'user ref');
      const actorRole = await projects.actorRoleOf(project, caller);
      return step.commit(trx => projects.removeMember(trx, project, userRef, actorRole));
    });
  });

  serve(juanieContract.listProjectTeams, async ({ req }) => {
    const { project } = await projectAccess.read(req, juanieProjectReadPermission);
    return { items: await projects.listTeams(project) };
  });

  serve(juanieContract.addProjectTeam, async ({ req, body }) => {
    const grant = await projectAccess.change(req, 'project.team.add', 'project', juanieProjectManagePermission, async (step, { caller, org, project }) => {
      const input = body('team grant');
      const team = await teams.get(org, input.team);
      const actorRole = await projects.actorRoleOf(project, caller);
      return step.commit(trx => projects.addTeam(trx, project, team, input.role, actorRole));
    });
    return grant;
  });

  serve(juanieContract.updateProjectTeam, async ({ req, body }) => {
    return (
      await projectAccess.change(req, 'project.team.update', 'project', juanieProjectManagePermission, async (step, { caller, org, project }) => {
        const slug = parseInput(slugSchema, req.params.team, 'team');
        const { role } = body('team grant update');
        const team = await teams.get(org, slug);
        const actorRole = await projects.actorRoleOf(project, caller);
        return step.commit(trx => projects.setTeamRole(trx, project, team, role, actorRole));
      })
    );
  });

  serve(juanieContract.removeProjectTeam, async ({ req }) => {
    await projectAccess.change(req, 'project.team.remove', 'project', juanieProjectManagePermission, async (step, { caller, org, project }) => {
      const team = await teams.get(org, parseInput(slugSchema, req.params.team, 'team'));
      const actorRole = await projects.actorRoleOf(project, caller);
      return step.commit(trx => projects.removeTeam(trx, project, team, actorRole));
    });
  });

  return router;
}
