import {
  juanieContract,
  juanieProjectManagePermission,
  juanieProjectReadPermission,
} from '@juanie/plugin-juanie-common';
import { ProjectAccess } from '../projects/ProjectAccess';
import { RepositoryService } from './RepositoryService';
import { publicRepository } from './RepositoryStore';
import { operationRouter } from '../service/serveOperation';

/** Repositories connected to a project. */
export function createRepositoryRouter(deps: {
  projectAccess: ProjectAccess;
  repositories: RepositoryService;
}) {
  const { projectAccess, repositories } = deps;
  const { router, serve } = operationRouter();

  serve(juanieContract.listRepositories, async ({ req }) => {
    const { project } = await projectAccess.read(req, juanieProjectReadPermission);
    return { items: await repositories.list(project) };
  });

  serve(juanieContract.connectRepository, async ({ req, body }) => {
    const repo = await projectAccess.change(req, 'repository.connect', 'repository', juanieProjectManagePermission, (step, { project }) => {
      const input = body('repository');
      return step.commit(trx => repositories.connect(trx, project, input));
    });
    return repo;
  });

  serve(juanieContract.getRepository, async ({ req }) => {
    const { project } = await projectAccess.read(req, juanieProjectReadPermission);
    return publicRepository(await repositories.get(project, req.params.id));
  });

  serve(juanieContract.syncRepository, async ({ req }) => {
    return (
      await projectAccess.change(req, 'repository.sync', 'repository', juanieProjectManagePermission, async (step, { project }) => {
        const repo = await repositories.get(project, req.params.id);
        step.target.resourceId = repo.id;
        // The remote is asked before the transaction opens: no lock is held over the network.
        const head = await repositories.readRemote(repo);
        return step.commit(trx => repositories.recordSync(trx, project, repo, head));
      })
    );
  });

  serve(juanieContract.disconnectRepository, async ({ req }) => {
    await projectAccess.change(req, 'repository.disconnect', 'repository', juanieProjectManagePermission, async (step, { project }) => {
      const repo = await repositories.get(project, req.params.id);
      step.target.resourceId = repo.id;
      return step.commit(trx => repositories.disconnect(trx, project, repo));
    });
  });

  return router;
}
