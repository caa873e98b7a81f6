import {
  connectRepositorySchema,
  juanieProjectManagePermission,
  juanieProjectReadPermission,
} from '@juanie/plugin-juanie-common';
import Router from 'express-promise-router';
import { ProjectAccess } from '../projects/ProjectAccess';
import { parseInput } from '../shared/validation';
import { RepositoryService } from './RepositoryService';
import { publicRepository } from './RepositoryStore';

/** Repositories connected to a project. */
export function createRepositoryRouter(deps: {
  projectAccess: ProjectAccess;
  repositories: RepositoryService;
}) {
  const { projectAccess, repositories } = deps;
  const router = Router();
  const base = '/orgs/:org/projects/:project/repositories';

  router.get(base, async (req, res) => {
    const { project } = await projectAccess.read(req, juanieProjectReadPermission);
    res.json({ items: await repositories.list(project) });
  });

  router.post(base, async (req, res) => {
    const repo = await projectAccess.change(req, 'repository.connect', 'repository', juanieProjectManagePermission, (step, { project }) => {
      const input = parseInput(connectRepositorySchema, req.body, 'repository');
      return step.commit(trx => repositories.connect(trx, project, input));
    });
    res.status(201).json(repo);
  });

  router.get(`${base}/:id`, async (req, res) => {
    const { project } = await projectAccess.read(req, juanieProjectReadPermission);
    res.json(publicRepository(await repositories.get(project, req.params.id)));
  });

  router.post(`${base}/:id/sync`, async (req, res) => {
    res.json(
      await projectAccess.change(req, 'repository.sync', 'repository', juanieProjectManagePermission, async (step, { project }) => {
        const repo = await repositories.get(project, req.params.id);
        step.target.resourceId = repo.id;
        // The remote is asked before the transaction opens: no lock is held over the network.
        const head = await repositories.readRemote(repo);
        return step.commit(trx => repositories.recordSync(trx, project, repo, head));
      }),
    );
  });

  router.delete(`${base}/:id`, async (req, res) => {
    await projectAccess.change(req, 'repository.disconnect', 'repository', juanieProjectManagePermission, async (step, { project }) => {
      const repo = await repositories.get(project, req.params.id);
      step.target.resourceId = repo.id;
      return step.commit(trx => repositories.disconnect(trx, project, repo));
    });
    res.status(204).end();
  });

  return router;
}
