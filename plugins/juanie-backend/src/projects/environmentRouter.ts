import {
  createEnvironmentSchema,
  juanieProjectManagePermission,
  juanieProjectReadPermission,
  updateEnvironmentSchema,
} from '@juanie/plugin-juanie-common';
import Router from 'express-promise-router';
import { DeletionCascade } from '../shared/DeletionCascade';
import { parseInput } from '../shared/validation';
import { EnvironmentService } from './EnvironmentService';
import { ProjectAccess } from './ProjectAccess';

/** Environments of a project. */
export function createEnvironmentRouter(deps: {
  projectAccess: ProjectAccess;
  environments: EnvironmentService;
  deletions: DeletionCascade;
}) {
  const { projectAccess, environments, deletions } = deps;
  const router = Router();
  const base = '/orgs/:org/projects/:project/environments';

  router.get(base, async (req, res) => {
    const { project } = await projectAccess.read(req, juanieProjectReadPermission);
    res.json({ items: await environments.list(project) });
  });

  router.post(base, async (req, res) => {
    const created = await projectAccess.change(req, 'environment.create', 'environment', juanieProjectManagePermission, (step, { org, project }) => {
      const input = parseInput(createEnvironmentSchema, req.body, 'environment');
      step.target.resourceId = `${org.slug}/${project.slug}/${input.slug}`;
      return step.commit(trx => environments.create(trx, org, project, input));
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
      await projectAccess.change(req, 'environment.update', 'environment', juanieProjectManagePermission, async (step, { org, project }) => {
        const patch = parseInput(updateEnvironmentSchema, req.body, 'environment update');
        const env = await environments.get(project, req.params.env);
        step.target.resourceId = `${org.slug}/${project.slug}/${env.slug}`;
        return step.commit(trx => environments.update(trx, org, project, env, patch));
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

  return router;
}
