import { juanieDeploymentCreatePermission } from '@juanie/plugin-juanie-common';
import Router from 'express-promise-router';
import { EnvironmentService } from '../projects/EnvironmentService';
import { ProjectAccess } from '../projects/ProjectAccess';
import { parseInput } from '../shared/validation';
import { DeploymentPreviewer } from './DeploymentPreviewer';
import { deploymentPreviewSchema } from './deploymentRequestSchema';

/** Deployments of a project's environments (so far: the preview of a change). */
export function createDeploymentRouter(deps: {
  projectAccess: ProjectAccess;
  environments: EnvironmentService;
  previewer: DeploymentPreviewer;
}) {
  const { projectAccess, environments, previewer } = deps;
  const router = Router();

  router.post('/orgs/:org/projects/:project/environments/:env/deployments/preview', async (req, res) => {
    const { org, project } = await projectAccess.read(req, juanieDeploymentCreatePermission);
    const request = parseInput(deploymentPreviewSchema, req.body, 'deployment preview');
    const env = await environments.get(project, req.params.env);
    res.json(await previewer.preview(org, project, env, request));
  });

  return router;
}
