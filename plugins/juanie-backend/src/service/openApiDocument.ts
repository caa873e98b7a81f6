import {
  approvalVoteSchema,
  manifestValidationRequestSchema,
  deploymentListQuerySchema,
  deploymentNoteSchema,
  deploymentPreviewSchema,
  deploymentRequestSchema,
  addOrgMemberSchema,
  addProjectMemberSchema,
  addProjectTeamSchema,
  addTeamMemberSchema,
  auditQuerySchema,
  claimRepositorySchema,
  connectRepositorySchema,
  createEnvironmentSchema,
  createOrganizationSchema,
  createProjectSchema,
  createPolicySchema,
  createTeamSchema,
  listPoliciesQuerySchema,
  policyDecisionsQuerySchema,
  pageQuerySchema,
  updateEnvironmentSchema,
  updateOrganizationSchema,
  updateOrgMemberSchema,
  updateProjectMemberSchema,
  updateProjectSchema,
  updateProjectTeamSchema,
  updateTeamMemberSchema,
  updatePolicySchema,
  updateTeamSchema,
} from '@juanie/plugin-juanie-common';
import { z } from 'zod';

type Operation = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  created?: boolean;
  noContent?: boolean;
  unauthenticated?: boolean;
};

const ORG = '/orgs/{org}';
const PROJECT = `${ORG}/projects/{project}`;
const page = pageQuerySchema;

/** Every route of the API; request schemas are the very zod schemas the routes validate with. */
const OPERATIONS: Operation[] = [
  { method: 'get', path: '/health', summary: 'Liveness, version and database', unauthenticated: true },
  { method: 'get', path: '/me', summary: 'The caller and their ownership refs' },
  { method: 'get', path: '/me/attention', summary: 'What needs the caller\'s attention' },
  { method: 'get', path: '/orgs', summary: 'Organisations the caller is in', query: page },
  { method: 'post', path: '/orgs', summary: 'Create an organisation (the caller owns it)', body: createOrganizationSchema, created: true },
  { method: 'get', path: ORG, summary: 'One organisation' },
  { method: 'patch', path: ORG, summary: 'Change title, description or quota', body: updateOrganizationSchema },
  { method: 'delete', path: ORG, summary: 'Soft-delete an organisation', noContent: true },
  { method: 'get', path: `${ORG}/quota`, summary: 'Quota limits and live usage' },
  { method: 'get', path: `${ORG}/members`, summary: 'Members and roles', query: page },
  { method: 'post', path: `${ORG}/members`, summary: 'Add a member', body: addOrgMemberSchema, created: true },
  { method: 'patch', path: `${ORG}/members/{userRef}`, summary: 'Change a member\'s role', body: updateOrgMemberSchema },
  { method: 'delete', path: `${ORG}/members/{userRef}`, summary: 'Remove a member', noContent: true },
  { method: 'get', path: `${ORG}/teams`, summary: 'Teams', query: page },
  { method: 'post', path: `${ORG}/teams`, summary: 'Create a team', body: createTeamSchema, created: true },
  { method: 'post', path: `${ORG}/repository-claims`, summary: 'Record a local repository the scaffolder created for the organisation (scaffolder only)', body: claimRepositorySchema, created: true },
  { method: 'get', path: `${ORG}/teams/{team}`, summary: 'One team' },
  { method: 'patch', path: `${ORG}/teams/{team}`, summary: 'Change a team', body: updateTeamSchema },
  { method: 'delete', path: `${ORG}/teams/{team}`, summary: 'Soft-delete a team', noContent: true },
  { method: 'get', path: `${ORG}/teams/{team}/members`, summary: 'Team members', query: page },
  { method: 'post', path: `${ORG}/teams/{team}/members`, summary: 'Add a team member', body: addTeamMemberSchema, created: true },
  { method: 'patch', path: `${ORG}/teams/{team}/members/{userRef}`, summary: 'Change a team member\'s role', body: updateTeamMemberSchema },
  { method: 'delete', path: `${ORG}/teams/{team}/members/{userRef}`, summary: 'Remove a team member', noContent: true },
  { method: 'get', path: '/projects', summary: 'Every project the caller can read', query: page },
  { method: 'get', path: `${ORG}/projects`, summary: 'Projects of an organisation', query: page },
  { method: 'post', path: `${ORG}/projects`, summary: 'Create a project', body: createProjectSchema, created: true },
  { method: 'get', path: PROJECT, summary: 'One project, with the caller\'s effective role' },
  { method: 'patch', path: PROJECT, summary: 'Change or archive a project', body: updateProjectSchema },
  { method: 'delete', path: PROJECT, summary: 'Soft-delete a project', noContent: true },
  { method: 'get', path: `${PROJECT}/members`, summary: 'Direct members', query: page },
  { method: 'post', path: `${PROJECT}/members`, summary: 'Add a member', body: addProjectMemberSchema, created: true },
  { method: 'patch', path: `${PROJECT}/members/{userRef}`, summary: 'Change a member\'s role', body: updateProjectMemberSchema },
  { method: 'delete', path: `${PROJECT}/members/{userRef}`, summary: 'Remove a member', noContent: true },
  { method: 'get', path: `${PROJECT}/teams`, summary: 'Teams with a role on the project' },
  { method: 'post', path: `${PROJECT}/teams`, summary: 'Give a team a role', body: addProjectTeamSchema, created: true },
  { method: 'patch', path: `${PROJECT}/teams/{team}`, summary: 'Change a team\'s role', body: updateProjectTeamSchema },
  { method: 'delete', path: `${PROJECT}/teams/{team}`, summary: 'Take a team\'s role away', noContent: true },
  { method: 'get', path: `${PROJECT}/environments`, summary: 'Environments in promotion order' },
  { method: 'post', path: `${PROJECT}/environments`, summary: 'Create an environment', body: createEnvironmentSchema, created: true },
  { method: 'get', path: `${PROJECT}/environments/{env}`, summary: 'One environment' },
  { method: 'patch', path: `${PROJECT}/environments/{env}`, summary: 'Change an environment', body: updateEnvironmentSchema },
  { method: 'delete', path: `${PROJECT}/environments/{env}`, summary: 'Soft-delete an environment', noContent: true },
  { method: 'get', path: `${PROJECT}/repositories`, summary: 'Connected repositories' },
  { method: 'post', path: `${PROJECT}/repositories`, summary: 'Connect a repository', body: connectRepositorySchema, created: true },
  { method: 'get', path: `${PROJECT}/repositories/{id}`, summary: 'One repository' },
  { method: 'post', path: `${PROJECT}/repositories/{id}/sync`, summary: 'Read default branch and head commit from the remote' },
  { method: 'delete', path: `${PROJECT}/repositories/{id}`, summary: 'Disconnect a repository', noContent: true },
  { method: 'get', path: '/policy-rule-types', summary: 'Rule types a policy can use, with JSON Schemas of their params' },
  { method: 'get', path: '/policies', summary: 'Policies inside a scope, or the effective policies of an environment', query: listPoliciesQuerySchema },
  { method: 'post', path: '/policies', summary: 'Create a policy on an organisation, project or environment', body: createPolicySchema, created: true },
  { method: 'get', path: '/policies/{id}', summary: 'One policy' },
  { method: 'get', path: '/policies/{id}/decisions', summary: 'Recent deployment requests and rollbacks the policy refused or warned about, from the audit trail', query: policyDecisionsQuerySchema },
  { method: 'patch', path: '/policies/{id}', summary: 'Change a policy (not its scope)', body: updatePolicySchema },
  { method: 'delete', path: '/policies/{id}', summary: 'Delete a policy', noContent: true },
  { method: 'post', path: `${PROJECT}/environments/{env}/deployments/preview`, summary: 'Render a change against the GitOps path: diff, new files, validation, policy violations, base revision', body: deploymentPreviewSchema },
  { method: 'post', path: `${PROJECT}/environments/{env}/deployments`, summary: 'Request a deployment; 422 with the violations when an enforced policy refuses it', body: deploymentRequestSchema, created: true },
  { method: 'get', path: `${PROJECT}/deployments`, summary: 'Deployments of a project, newest first, by environment and status', query: deploymentListQuerySchema.extend(page.shape) },
  { method: 'get', path: '/deployments/{id}', summary: 'One deployment with its approvals, timeline, conflicts and what the caller may do' },
  { method: 'get', path: '/deployments/{id}/diff', summary: 'The diff of the commit, or of what would be committed now' },
  { method: 'post', path: '/deployments/{id}/approvals', summary: 'Approve or reject (eligible approvers, one vote each)', body: approvalVoteSchema },
  { method: 'post', path: '/deployments/{id}/cancel', summary: 'Cancel a deployment before its commit', body: deploymentNoteSchema },
  { method: 'post', path: '/deployments/{id}/rollback', summary: 'Request a deployment restoring the files of this one', body: deploymentNoteSchema, created: true },
  { method: 'get', path: '/approvals', summary: 'Deployments waiting for the caller\'s vote, oldest first', query: page },
  { method: 'get', path: `${PROJECT}/gitops`, summary: 'Every environment\'s Flux objects and their status, from the database' },
  { method: 'post', path: `${PROJECT}/environments/{env}/gitops/reconcile`, summary: 'Ask Flux to reconcile the environment now (reconcile.fluxcd.io/requestedAt)' },
  { method: 'post', path: `${PROJECT}/environments/{env}/gitops/suspend`, summary: 'Suspend the environment\'s Flux object' },
  { method: 'post', path: `${PROJECT}/environments/{env}/gitops/resume`, summary: 'Resume the environment\'s Flux object' },
  { method: 'put', path: `${PROJECT}/environments/{env}/gitops/flux`, summary: 'Create or update the environment\'s GitRepository and Kustomization (server-side apply)' },
  { method: 'delete', path: `${PROJECT}/environments/{env}/gitops/flux`, summary: 'Delete the environment\'s generated Flux objects', noContent: true },
  { method: 'get', path: '/clusters', summary: 'Configured clusters: reachability, Flux health, objects watched' },
  { method: 'post', path: '/gitops/validate', summary: 'Check manifests: YAML syntax, Kubernetes shape, alias bombs, sizes; errors with line and column', body: manifestValidationRequestSchema },
  { method: 'get', path: '/audit', summary: 'The audit trail, newest first', query: auditQuerySchema.extend(page.shape) },
  { method: 'get', path: '/audit/scope', summary: 'Which trails the caller may read: all, or these organisations' },
  { method: 'get', path: '/audit/export', summary: 'Stream the selection as CSV or NDJSON', query: auditQuerySchema.extend({ format: z.enum(['csv', 'ndjson']) }) },
  { method: 'get', path: '/audit/verify', summary: 'Walk the hash chain; name the first row that does not match' },
];

const jsonSchema = (schema: z.ZodType) => {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function operationObject(op: Operation) {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const queryParams = op.query
    ? Object.entries(jsonSchema(op.query).properties as Record<string, object>).map(([name, schema]) => ({
        name,
        in: 'query',
        required: false,
        schema,
      }))
    : [];
  let success = '200';
  if (op.created) success = '201';
  if (op.noContent) success = '204';
  return {
    summary: op.summary,
    ...(op.unauthenticated ? { security: [] } : {}),
    parameters: [...pathParams, ...queryParams],
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } }
      : {}),
    responses: {
      [success]: { description: op.noContent ? 'Done' : 'OK' },
      '400': errorResponse('Invalid input; the message names every wrong field'),
      ...(op.unauthenticated ? {} : { '401': errorResponse('No valid Backstage token') }),
      '403': errorResponse('The permission policy refused'),
      '404': errorResponse('Unknown organisation, project or other name'),
      ...(op.method !== 'get' ? { '409': errorResponse('Conflict: exists already, quota reached, last owner') } : {}),
    },
  };
}

/** The OpenAPI 3.1 document served at `/api/juanie/openapi.json`. */
export function createOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    paths[op.path] = { ...paths[op.path], [op.method]: operationObject(op) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Juanie',
      version,
      description: 'Organisations, projects, environments, GitOps deployments and the audit trail.',
    },
    servers: [{ url: '/api/juanie' }],
    security: [{ backstageToken: [] }],
    components: {
      securitySchemes: { backstageToken: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: { type: 'object', properties: { name: { type: 'string' }, message: { type: 'string' } } },
            response: { type: 'object', properties: { statusCode: { type: 'integer' } } },
          },
        },
      },
    },
    paths,
  };
}

/** The routes the document lists, for a test that keeps it complete. */
export const documentedOperations = OPERATIONS.map(({ method, path }) => ({ method, path }));
