import {
  juanieContract,
  juanieProjectManagePermission,
  juanieProjectReadPermission,
} from '@juanie/plugin-juanie-common';
import { DeletionCascade } from '../shared/DeletionCascade';
import { EnvironmentActor, EnvironmentService } from './EnvironmentService';
import { Caller } from '../access/Callers';
import { ProjectAccess } from './ProjectAccess';
import { OrganizationService } from '../orgs/OrganizationService';
import { PolicyViolationError } from '../deployments/PolicyViolationError';
import { assertMayChangeApprovalRule } from './protectedEnvironments';
import express from 'express';
import { operationRouter } from '../service/serveOperation';

const actorOf = (caller: Caller): EnvironmentActor => ({ ref: caller.ctx.actorRef, isPlatformAdmin: caller.isPlatformAdmin });

/** Environments of a project. */
export function createEnvironmentRouter(deps: {
  projectAccess: ProjectAccess;
  orgs: Pick<OrganizationService, 'actorRoleOf'>;
  environments: EnvironmentService;
  deletions: DeletionCascade;
}) {
  const { projectAccess, orgs, environments, deletions } = deps;
  const { router, serve } = operationRouter();

  serve(juanieContract.listEnvironments, async ({ req }) => {
    const { project } = await projectAccess.read(req, juanieProjectReadPermission);
    return { items: await environments.list(project) };
  });

  serve(juanieContract.createEnvironment, async ({ req, body }) => {
    const created = await projectAccess.change(req, 'environment.create', 'environment', juanieProjectManagePermission, async (step, { caller, org, project }) => {
      const input = body('environment');
      step.target.resourceId = `${org.slug}/${project.slug}/${input.slug}`;
      assertMayChangeApprovalRule({
        actorOrgRole: await orgs.actorRoleOf(org, caller),
        environment: input.slug,
        kindAfter: input.kind,
        setsApproval: true,
      });
      return step.commit(trx => environments.create(trx, org, project, input, actorOf(caller)));
    });
    return created;
  });

  serve(juanieContract.getEnvironment, async ({ req }) => {
    const { project } = await projectAccess.read(req, juanieProjectReadPermission);
    const { id, projectId, ...env } = await environments.get(project, req.params.env);
    return env;
  });

  serve(juanieContract.updateEnvironment, async ({ req, body }) => {
    return (
      await projectAccess.change(req, 'environment.update', 'environment', juanieProjectManagePermission, async (step, { caller, org, project }) => {
        const patch = body('environment update');
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
      })
    );
  });

  serve(juanieContract.deleteEnvironment, async ({ req }) => {
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
  });

  // An enforced policy refuses an approval rule with the list of what it found, as for deployments.
  router.use(
    (error: Error, _req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (!(error instanceof PolicyViolationError)) {
        next(error);
        return;
      }
      res.status(422).json({ error: { name: error.name, message: error.message }, violations: error.violations });
    }
  );

  return router;
}
