import { z } from 'zod';
import { manifestValidationRequestSchema, manifestValidationSchema } from '../api/deployments';
import { clusterStatusSchema, environmentGitOpsStatusSchema, projectGitOpsStatusSchema } from '../api/gitops';
import { tenantFluxObjectSchema } from '../api/fluxObjects';
import { defineOperation } from './operation';
import { PROJECT_PATH } from './projects';

const ENV_GITOPS = `${PROJECT_PATH}/environments/{env}/gitops`;


/** Flux status and operations, the clusters, and manifest validation. */
export const gitopsOperations = {
  getProjectGitOps: defineOperation({
    method: 'get',
    path: `${PROJECT_PATH}/gitops`,
    summary: "Every environment's Flux objects and their status, from the database",
    response: projectGitOpsStatusSchema,
  }),
  reconcileGitOps: defineOperation({
    method: 'post',
    path: `${ENV_GITOPS}/reconcile`,
    summary: 'Ask Flux to reconcile the environment now (reconcile.fluxcd.io/requestedAt)',
    response: environmentGitOpsStatusSchema,
  }),
  suspendGitOps: defineOperation({
    method: 'post',
    path: `${ENV_GITOPS}/suspend`,
    summary: "Suspend the environment's Flux object",
    response: environmentGitOpsStatusSchema,
  }),
  resumeGitOps: defineOperation({
    method: 'post',
    path: `${ENV_GITOPS}/resume`,
    summary: "Resume the environment's Flux object",
    response: environmentGitOpsStatusSchema,
  }),
  applyGitOpsFlux: defineOperation({
    method: 'put',
    path: `${ENV_GITOPS}/flux`,
    summary: "Create or update the environment's GitRepository and Kustomization (server-side apply)",
    response: z.object({ items: z.array(tenantFluxObjectSchema) }),
  }),
  deleteGitOpsFlux: defineOperation({
    method: 'delete',
    path: `${ENV_GITOPS}/flux`,
    summary: "Delete the environment's generated Flux objects",
    response: 'none',
  }),
  listClusters: defineOperation({
    method: 'get',
    path: '/clusters',
    summary: 'Configured clusters: reachability, Flux health, objects watched',
    response: z.object({ items: z.array(clusterStatusSchema) }),
  }),
  validateManifests: defineOperation({
    method: 'post',
    path: '/gitops/validate',
    summary: 'Check manifests: YAML syntax, Kubernetes shape, alias bombs, sizes; errors with line and column',
    body: manifestValidationRequestSchema,
    response: manifestValidationSchema,
  }),
};
