import {
  createEnvironmentSchema,
  juanieProjectManagePermission,
  juanieProjectReadPermission,
  updateEnvironmentSchema,
} from '@juanie/plugin-juanie-common';
import Router from 'express-promise-router';
import { DeletionCascade } from '../shared/DeletionCascade';
import { parseInput } from '../shared/validation';
import { EnvironmentActor, EnvironmentService } from './EnvironmentService';
import { Caller } from '../access/Callers';
import { ProjectAccess } from './ProjectAccess';
import { OrganizationService } from '../orgs/OrganizationService';
import { PolicyViolationError } from '../deployments/PolicyViolationError';
import { assertMayChangeApprovalRule } from './protectedEnvironments';
import express from 'express';

const actorOf = (caller: Caller): EnvironmentActor => ({ ref: caller.ctx.actorRef, isPlatformAdmin: caller.isPlatformAdmin });

/** Environments of a project. */
export function createEnvironmentRouter(deps: {
  projectAccess: ProjectAccess;
  orgs: Pick<OrganizationService, 'actorRoleOf'>;
  environments: EnvironmentService;
  deletions: DeletionCascade;
}) {
  const { projectAccess, orgs, environments, deletions } = deps;
  const router = Router();
  const base = '/orgs/:org/projects/:project/environments';

  router.get(base, async (req, res) => {
    const { project } = await projectAccess.read(req, juanieProjectReadPermission);
    res.json({ items: await environments.list(project) });
  });

  router.post(base, async (req, res) => {
    const created = await projectAccess.change(req, 'environment.create', 'environment', juanieProjectManagePermission, async (step, { caller, org, project }) => {
      const input = parseInput(createEnvironmentSchema, req.body, 'environment');
      step.target.resourceId = `${org.slug}/${project.slug}/${input.slug}`;
      assertMayChangeApprovalRule({
        actorOrgRole: await orgs.actorRoleOf(org, caller),
        environment: input.slug,
        kindAfter: input.kind,
        setsApproval: true,
      });
      return step.commit(trx => environments.create(trx, org, project, input, actorOf(caller)));
    });
    res.status(201).json(created);
  });

  router.get(`${base}/:env`, async (req, res) => {
    const { project } = await projectAccess.read(req, juanieProjectReadPermission);
    const { id, projectId, ...env } = await environments.get(project, req.params.env);
    res.json(env);
  });

  router.patch(`${base}/:env`, async (req, res) => {
    res.json(
      await projectAccess.change(req, 'environment.update', 'environment', juanieProjectManagePermission, async (step, { caller, org, project }) => {
        const patch = parseInput(updateEnvironmentSchema, req.body, 'environment update');
        const env = await environments.get(project, req.params.env);
        step.target.resourceId = `${org.slug}/${project.slug}/${env.slug}`;
        assertMayChangeApprovalRule({
          actorOrgRole: await orgs.actorRoleOf(org, caller),
          environment: env.slug,
          kindBefore: env.kind,
          kindAfter: patch.kind ?? env.kind,
          setsApproval: patch.approval !== undefined,
        });
        return step.commit(trx => environments.update(trx, org, project, env, patch, actorOf(caller)));
      }),
    );
  });

  router.delete(`${base}/:env`, async (req, res) => {
    await projectAccess.change(req, 'environment.delete', 'environment', juanieProjectManagePermission, async (step, { caller, org, project }) => {
      const env = await environments.get(project, req.params.env);
      step.target.resourceId = `${org.slug}/${project.slug}/${env.slug}`;
      const scope = {
        level: 'environment' as const,
        organizationId: org.id,
        projectId: project.id,
        environmentId: env.id,
        name: `environment ${org.slug}/${project.slug}/${env.slug}`,
      };
      return deletions.commit(step, scope, caller.ctx.actorRef, trx => environments.delete(trx, org, project, env));
    });
    res.status(204).end();
  });

  // An enforced policy refuses an approval rule with the list of what it found, as for deployments.
  router.use(
    (error: Error, _req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (!(error instanceof PolicyViolationError)) {
        next(error);
        return;
      }
      res.status(422).json({ error: { name: error.name, message: error.message }, violations: error.violations });
    },
  );

  return router;
}
