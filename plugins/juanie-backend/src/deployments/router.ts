import { NotFoundError } from '@backstage/errors';
import {
  approvalVoteSchema,
  deploymentListQuerySchema,
  deploymentNoteSchema,
  deploymentPreviewSchema,
  deploymentRequestSchema,
  juanieDeploymentCreatePermission,
  juanieProjectReadPermission,
  pageQuerySchema,
} from '@juanie/plugin-juanie-common';
import express from 'express';
import Router from 'express-promise-router';
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
  const router = Router();
  const envBase = '/orgs/:org/projects/:project/environments/:env/deployments';

  router.post(`${envBase}/preview`, async (req, res) => {
    const { org, project } = await projectAccess.read(req, juanieDeploymentCreatePermission);
    const request = parseInput(deploymentPreviewSchema, req.body, 'deployment preview');
    const env = await environments.get(project, req.params.env);
    res.json(await previewer.preview(org, project, env, request));
  });

  router.post(envBase, async (req, res) => {
    const created = await projectAccess.change(
      req,
      'deployment.request',
      'deployment',
      juanieDeploymentCreatePermission,
      async (step, { caller, org, project }) => {
        const input = parseInput(deploymentRequestSchema, req.body, 'deployment request');
        const env = await environments.get(project, req.params.env);
        return requests.request(step, caller, { org, project, env }, input);
      },
    );
    res.status(201).json(await reader.detail(await callers.of(req), created.id));
  });

  router.get('/orgs/:org/projects/:project/deployments', async (req, res) => {
    const { project } = await projectAccess.read(req, juanieProjectReadPermission);
    const { limit, cursor, ...filters } = req.query;
    const page = parseInput(pageQuerySchema, { limit, cursor }, 'page');
    const query = parseInput(deploymentListQuerySchema, filters, 'deployment filters');
    const environment = query.environment ? await environments.get(project, query.environment) : undefined;
    res.json(
      await reader.list(
        project,
        { environmentId: environment?.id, statuses: query.status },
        page.limit,
        page.cursor,
      ),
    );
  });

  router.get('/deployments/:id', async (req, res) => {
    res.json(await reader.detail(await callers.of(req), deploymentId(req)));
  });

  router.get('/deployments/:id/diff', async (req, res) => {
    res.json(await reader.diff(await callers.of(req), deploymentId(req)));
  });

  router.get('/approvals', async (req, res) => {
    const caller = await callers.of(req);
    const page = await pageOf(
      req,
      (limit, after) => approvals.inbox(caller, limit, after),
      deployment => approvals.sortKeyOf(deployment),
    );
    res.json({ ...page, items: await reader.many(page.items) });
  });

  /** An audited change to one deployment, addressed by id. */
  const change =
    (action: string, body: (req: express.Request, step: AuditedStep, caller: Caller) => Promise<{ id: string }>, status = 200) =>
    async (req: express.Request, res: express.Response) => {
      const caller = await callers.of(req);
      const changed = await audit.action(
        caller.ctx,
        action,
        { resourceType: 'deployment', resourceId: req.params.id },
        async step => body(req, step, caller),
      );
      res.status(status).json(await reader.detail(caller, changed.id));
    };

  router.post(
    '/deployments/:id/approvals',
    change('deployment.vote', async (req, step, caller) => {
      const id = deploymentId(req);
      const vote = parseInput(approvalVoteSchema, req.body, 'vote');
      return approvals.vote(step, caller, id, vote);
    }),
  );

  router.post(
    '/deployments/:id/cancel',
    change('deployment.cancel', async (req, step, caller) => {
      const id = deploymentId(req);
      const { message } = parseInput(deploymentNoteSchema, req.body ?? {}, 'cancel');
      return requests.cancel(step, caller, id, message);
    }),
  );

  router.post(
    '/deployments/:id/rollback',
    change(
      'deployment.rollback',
      async (req, step, caller) => {
        const id = deploymentId(req);
        const { message } = parseInput(deploymentNoteSchema, req.body ?? {}, 'rollback');
        return requests.rollback(step, caller, id, message);
      },
      201,
    ),
  );

  // An enforced policy refuses with the list of what it found, for the form to show inline.
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
