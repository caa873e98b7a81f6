import { InputError } from '@backstage/errors';
import {
  addProjectMemberSchema,
  addProjectTeamSchema,
  createProjectSchema,
  juanieOrganizationReadPermission,
  juanieProjectCreatePermission,
  juanieProjectDeletePermission,
  juanieProjectManagePermission,
  juanieProjectReadPermission,
  slugSchema,
  updateProjectMemberSchema,
  updateProjectSchema,
  updateProjectTeamSchema,
  userRefSchema,
} from '@juanie/plugin-juanie-common';
import Router from 'express-promise-router';
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
  const router = Router();
  const splitKey = (key?: string) => {
    if (key === undefined) return undefined;
    const [org, slug] = key.split('/');
    if (!org || !slug) throw new InputError('Invalid cursor: use the nextCursor of a previous page');
    return { org, slug };
  };

  router.get('/projects', async (req, res) => {
    const caller = await callers.of(req);
    const page = await pageOf(
      req,
      (limit, after) => projects.list(undefined, caller.visibility, limit, splitKey(after)),
      p => `${p.org}/${p.slug}`,
    );
    res.json({ ...page, items: await projects.withRoles(page.items, caller) });
  });

  router.get('/orgs/:org/projects', async (req, res) => {
    const caller = await callers.of(req);
    const org = await orgs.get(req.params.org);
    await access.requireVisible(caller.ctx.credentials, juanieOrganizationReadPermission, org.slug, () =>
      unknownOrganization(org.slug),
    );
    const page = await pageOf(
      req,
      (limit, after) =>
        projects.list(org, caller.visibility, limit, after ? { org: org.slug, slug: after } : undefined),
      p => p.slug,
    );
    res.json({ ...page, items: await projects.withRoles(page.items, caller) });
  });

  router.post('/orgs/:org/projects', async (req, res) => {
    const caller = await callers.of(req);
    const target = { resourceType: 'project', org: req.params.org };
    const created = await audit.action(caller.ctx, 'project.create', target, async step => {
      const input = parseInput(createProjectSchema, req.body, 'project');
      step.target.project = input.slug;
      step.target.resourceId = `${req.params.org}/${input.slug}`;
      const org = await orgs.get(req.params.org);
      await access.requireVisible(caller.ctx.credentials, juanieOrganizationReadPermission, org.slug, () =>
        unknownOrganization(org.slug),
      );
      await access.require(caller.ctx.credentials, juanieProjectCreatePermission, org.slug);
      return step.commit(trx => projects.create(trx, org, caller.ctx.actorRef, input));
    });
    res.status(201).json(created);
  });

  router.get('/orgs/:org/projects/:project', async (req, res) => {
    const { caller, project } = await projectAccess.read(req, juanieProjectReadPermission);
    const [withRole] = await projects.withRoles([project], caller);
    res.json(withRole);
  });

  router.patch('/orgs/:org/projects/:project', async (req, res) => {
    const patch = () => parseInput(updateProjectSchema, req.body, 'project update');
    res.json(
      await projectAccess.change(req, 'project.update', 'project', juanieProjectManagePermission, (step, { project }) => {
        const input = patch();
        return step.commit(trx => projects.update(trx, project, input));
      }),
    );
  });

  router.delete('/orgs/:org/projects/:project', async (req, res) => {
    await projectAccess.change(req, 'project.delete', 'project', juanieProjectDeletePermission, (step, { caller, org, project }) =>
      deletions.commit(
        step,
        { level: 'project', organizationId: org.id, projectId: project.id, name: `project ${org.slug}/${project.slug}` },
        caller.ctx.actorRef,
        trx => projects.delete(trx, project),
      ),
    );
    res.status(204).end();
  });

  router.get('/orgs/:org/projects/:project/members', async (req, res) => {
    const { project } = await projectAccess.read(req, juanieProjectReadPermission);
    res.json(await pageOf(req, (limit, after) => projects.listMembers(project, limit, after), m => m.userRef));
  });

  router.post('/orgs/:org/projects/:project/members', async (req, res) => {
    const member = await projectAccess.change(req, 'project.member.add', 'project', juanieProjectManagePermission, async (step, { caller, project }) => {
      const input = parseInput(addProjectMemberSchema, req.body, 'member');
      const actorRole = await projects.actorRoleOf(project, caller);
      return step.commit(trx => projects.addMember(trx, project, input, actorRole));
    });
    res.status(201).json(member);
  });

  router.patch('/orgs/:org/projects/:project/members/:userRef', async (req, res) => {
    res.json(
      await projectAccess.change(req, 'project.member.update', 'project', juanieProjectManagePermission, async (step, { caller, project }) => {
        const userRef = parseInput(userRefSchema, req.params.userRef, 'user ref');
        const { role } = parseInput(updateProjectMemberSchema, req.body, 'member update');
        const actorRole = await projects.actorRoleOf(project, caller);
        return step.commit(trx => projects.setMemberRole(trx, project, userRef, role, actorRole));
      }),
    );
  });

  router.delete('/orgs/:org/projects/:project/members/:userRef', async (req, res) => {
    await projectAccess.change(req, 'project.member.remove', 'project', juanieProjectManagePermission, async (step, { caller, project }) => {
      const userRef = parseInput(userRefSchema, req.params.userRef, 'user ref');
      const actorRole = await projects.actorRoleOf(project, caller);
      return step.commit(trx => projects.removeMember(trx, project, userRef, actorRole));
    });
    res.status(204).end();
  });

  router.get('/orgs/:org/projects/:project/teams', async (req, res) => {
    const { project } = await projectAccess.read(req, juanieProjectReadPermission);
    res.json({ items: await projects.listTeams(project) });
  });

  router.post('/orgs/:org/projects/:project/teams', async (req, res) => {
    const grant = await projectAccess.change(req, 'project.team.add', 'project', juanieProjectManagePermission, async (step, { caller, org, project }) => {
      const input = parseInput(addProjectTeamSchema, req.body, 'team grant');
      const team = await teams.get(org, input.team);
      const actorRole = await projects.actorRoleOf(project, caller);
      return step.commit(trx => projects.addTeam(trx, project, team, input.role, actorRole));
    });
    res.status(201).json(grant);
  });

  router.patch('/orgs/:org/projects/:project/teams/:team', async (req, res) => {
    res.json(
      await projectAccess.change(req, 'project.team.update', 'project', juanieProjectManagePermission, async (step, { caller, org, project }) => {
        const slug = parseInput(slugSchema, req.params.team, 'team');
        const { role } = parseInput(updateProjectTeamSchema, req.body, 'team grant update');
        const team = await teams.get(org, slug);
        const actorRole = await projects.actorRoleOf(project, caller);
        return step.commit(trx => projects.setTeamRole(trx, project, team, role, actorRole));
      }),
    );
  });

  router.delete('/orgs/:org/projects/:project/teams/:team', async (req, res) => {
    await projectAccess.change(req, 'project.team.remove', 'project', juanieProjectManagePermission, async (step, { caller, org, project }) => {
      const team = await teams.get(org, parseInput(slugSchema, req.params.team, 'team'));
      const actorRole = await projects.actorRoleOf(project, caller);
      return step.commit(trx => projects.removeTeam(trx, project, team, actorRole));
    });
    res.status(204).end();
  });

  return router;
}
