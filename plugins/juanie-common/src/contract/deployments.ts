import { pageQuerySchema, pageSchema } from '../api/common';
import {
  approvalVoteSchema,
  deploymentDetailSchema,
  deploymentDiffSchema,
  deploymentListQuerySchema,
  deploymentNoteSchema,
  deploymentPreviewResponseSchema,
  deploymentPreviewSchema,
  deploymentRequestSchema,
  deploymentSchema,
} from '../api/deployments';
import { defineOperation } from './operation';
import { PROJECT_PATH } from './projects';

const ENV_DEPLOYMENTS = `${PROJECT_PATH}/environments/{env}/deployments`;
const DEPLOYMENT = '/deployments/{id}';

/** Deployments: preview, request, approve, cancel, roll back, and the approvals inbox. */
export const deploymentOperations = {
  previewDeployment: defineOperation({
    method: 'post',
    path: `${ENV_DEPLOYMENTS}/preview`,
    summary: 'Render a change against the GitOps path: diff, new files, validation, policy violations, base revision',
    body: deploymentPreviewSchema,
    response: deploymentPreviewResponseSchema,
  }),
  requestDeployment: defineOperation({
    method: 'post',
    path: ENV_DEPLOYMENTS,
    summary: 'Request a deployment; 422 with the violations when an enforced policy refuses it',
    body: deploymentRequestSchema,
    response: deploymentDetailSchema,
    created: true,
  }),
  listDeployments: defineOperation({
    method: 'get',
    path: `${PROJECT_PATH}/deployments`,
    summary: 'Deployments of a project, newest first, by environment and status',
    query: deploymentListQuerySchema.extend(pageQuerySchema.shape),
    response: pageSchema(deploymentSchema),
  }),
  getDeployment: defineOperation({
    method: 'get',
    path: DEPLOYMENT,
    summary: 'One deployment with its approvals, timeline, conflicts and what the caller may do',
    response: deploymentDetailSchema,
  }),
  getDeploymentDiff: defineOperation({
    method: 'get',
    path: `${DEPLOYMENT}/diff`,
    summary: 'The diff of the commit, or of what would be committed now',
    response: deploymentDiffSchema,
  }),
  voteOnDeployment: defineOperation({
    method: 'post',
    path: `${DEPLOYMENT}/approvals`,
    summary: 'Approve or reject (eligible approvers, one vote each)',
    body: approvalVoteSchema,
    response: deploymentDetailSchema,
  }),
  cancelDeployment: defineOperation({
    method: 'post',
    path: `${DEPLOYMENT}/cancel`,
    summary: 'Cancel a deployment before its commit',
    body: deploymentNoteSchema,
    response: deploymentDetailSchema,
  }),
  rollBackDeployment: defineOperation({
    method: 'post',
    path: `${DEPLOYMENT}/rollback`,
    summary: 'Request a deployment restoring the files of this one',
    body: deploymentNoteSchema,
    response: deploymentDetailSchema,
    created: true,
  }),
  listPendingApprovals: defineOperation({
    method: 'get',
    path: '/approvals',
    summary: "Deployments waiting for the caller's vote, oldest first",
    query: pageQuerySchema,
    response: pageSchema(deploymentSchema),
  }),
};
