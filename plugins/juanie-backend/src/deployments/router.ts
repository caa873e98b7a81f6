import { NotFoundError } from '@backstage/errors';
import {
  deploymentListQuerySchema,
  juanieContract,
  juanieDeploymentCreatePermission,
  juanieProjectReadPermission,
  OperationParams,
  pageQuerySchema,
} from '@juanie/plugin-juanie-common';
import express from 'express';
import { Caller, Callers } from '../access/Callers';
import { AuditedStep, AuditTrail } from '../audit/AuditTrail';
import { EnvironmentService } from '../projects/EnvironmentService';
import { ProjectAccess } from '../projects/ProjectAccess';
import { pageOf } from '../service/pagination';
import { parseInput } from '../shared/validation';
import { DeploymentApprovals } from './DeploymentApprovals';
import { DeploymentPreviewer } from './DeploymentPreviewer';
import { DeploymentReader } from './DeploymentReader';
import { DeploymentRequests } from './DeploymentRequests';
import { PolicyViolationError } from './PolicyViolationError';
import { OperationRequest, operationRouter } from '../service/serveOperation';

/** The operations that change one deployment by id, with a note or a vote. */
type DeploymentChange =
  | typeof juanieContract.voteOnDeployment
  | typeof juanieContract.cancelDeployment
  | typeof juanieContract.rollBackDeployment;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function deploymentId(req: express.Request): string {
  if (!UUID.test(req.params.id)) throw new NotFoundError(`No deployment ${req.params.id}`);
  return req.params.id;
}

/** Deployments: previews, requests, votes, cancel, rollback, and reading them back. */
export function createDeploymentRouter(deps: {
  callers: Callers;
  audit: AuditTrail;
  projectAccess: ProjectAccess;
  environments: EnvironmentService;
  previewer: DeploymentPreviewer;
  requests: DeploymentRequests;
  approvals: DeploymentApprovals;
  reader: DeploymentReader;
}) {
  const { callers, audit, projectAccess, environments, previewer, requests, approvals, reader } = deps;
  const { router, serve } = operationRouter();

  serve(juanieContract.previewDeployment, async ({ req, body }) => {
    const { org, project } = await projectAccess.read(req, juanieDeploymentCreatePermission);
    const request = body('deployment preview');
    const env = await environments.get(project, req.params.env);
    return await previewer.preview(org, project, env, request);
  });

  serve(juanieContract.requestDeployment, async ({ req, body }) => {
    const created = await projectAccess.change(
      req,
      'deployment.request',
      'deployment',
      juanieDeploymentCreatePermission,
      async (step, { caller, org, project }) => {
        const input = body('deployment request');
        const env = await environments.get(project, req.params.env);
        return requests.request(step, caller, { org, project, env }, input);
      }
    );
    return await reader.detail(await callers.of(req), created.id);
  });

  serve(juanieContract.listDeployments, async ({ req }) => {
    const { project } = await projectAccess.read(req, juanieProjectReadPermission);
    const { limit, cursor, ...filters } = req.query;
    const page = parseInput(pageQuerySchema, { limit, cursor }, 'page');
    const query = parseInput(deploymentListQuerySchema, filters, 'deployment filters');
    const environment = query.environment ? await environments.get(project, query.environment) : undefined;
    return (
      await reader.list(
        project,
        { environmentId: environment?.id, statuses: query.status },
        page.limit,
        page.cursor,
      )
    );
  });

  serve(juanieContract.getDeployment, async ({ req }) => {
    return await reader.detail(await callers.of(req), deploymentId(req));
  });

  serve(juanieContract.getDeploymentDiff, async ({ req }) => {
    return await reader.diff(await callers.of(req), deploymentId(req));
  });

  serve(juanieContract.listPendingApprovals, async ({ req }) => {
    const caller = await callers.of(req);
    const page = await pageOf(
      req,
      (limit, after) => approvals.inbox(caller, limit, after),
      deployment => approvals.sortKeyOf(deployment),
    );
    return { ...page, items: await reader.many(page.items) };
  });

  /** An audited change to one deployment, addressed by id; answers the deployment as it now is. */
  const change =
    <O extends DeploymentChange>(action: string, act: (step: AuditedStep, caller: Caller, id: string, body: OperationRequest<O>['body']) => Promise<{ id: string }>) =>
    async ({ req, body }: OperationRequest<O>) => {
      const caller = await callers.of(req);
      const { id } = req.params as OperationParams<DeploymentChange>;
      const changed = await audit.action(
        caller.ctx,
        action,
        { resourceType: 'deployment', resourceId: id },
        async step => act(step, caller, deploymentId(req), body),
      );
      return await reader.detail(caller, changed.id);
    };

  serve(
    juanieContract.voteOnDeployment,
    change('deployment.vote', (step, caller, id, body) => approvals.vote(step, caller, id, body('vote'))),
  );
  serve(
    juanieContract.cancelDeployment,
    change('deployment.cancel', (step, caller, id, body) => requests.cancel(step, caller, id, body('cancel').message)),
  );
  serve(
    juanieContract.rollBackDeployment,
    change('deployment.rollback', (step, caller, id, body) => requests.rollback(step, caller, id, body('rollback').message)),
  );

  // An enforced policy refuses with the list of what it found, for the form to show inline.
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
