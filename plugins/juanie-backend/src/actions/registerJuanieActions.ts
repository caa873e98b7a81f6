import { AuthService, BackstageCredentials, DiscoveryService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ResponseError } from '@backstage/errors';

const slug = (z: typeof import('zod/v3').z) =>
  z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).max(63);

/**
 * Juanie's actions for the actions registry (served over MCP by the mcp-actions backend): its
 * read actions and the deployment request. Each calls Juanie's own HTTP API on behalf of the
 * caller, so permissions, validation, policies and the audit trail apply exactly as in the UI.
 */
export function registerJuanieActions(deps: {
  actionsRegistry: ActionsRegistryService;
  auth: AuthService;
  discovery: DiscoveryService;
}) {
  const call = async (credentials: BackstageCredentials, method: string, path: string, body?: unknown) => {
    const { token } = await deps.auth.getPluginRequestToken({ onBehalfOf: credentials, targetPluginId: 'juanie' });
    const response = await fetch(`${await deps.discovery.getBaseUrl('juanie')}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  };
  const project = (org: string, name: string) => `/orgs/${encodeURIComponent(org)}/projects/${encodeURIComponent(name)}`;

  deps.actionsRegistry.register({
    name: 'list-projects',
    title: 'List Juanie projects',
    description: 'The projects the caller can see, with their organisation and the caller\'s role.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({ limit: z.number().int().min(1).max(500).default(100) }),
      output: z => z.object({ items: z.array(z.record(z.unknown())) }),
    },
    action: async ({ input, credentials }) => ({
      output: { items: (await call(credentials, 'GET', `/projects?limit=${input.limit}`)).items },
    }),
  });

  deps.actionsRegistry.register({
    name: 'list-deployments',
    title: 'List deployments of a project',
    description: 'Deployments of a Juanie project, newest first, optionally of one environment and with some statuses.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          org: slug(z),
          project: slug(z),
          environment: slug(z).optional(),
          statuses: z.array(z.string()).optional().describe('e.g. ["pending_approval", "failed"]'),
          limit: z.number().int().min(1).max(100).default(20),
        }),
      output: z => z.object({ items: z.array(z.record(z.unknown())) }),
    },
    action: async ({ input, credentials }) => {
      const query = new URLSearchParams({ limit: String(input.limit) });
      if (input.environment) query.set('environment', input.environment);
      if (input.statuses?.length) query.set('status', input.statuses.join(','));
      const page = await call(credentials, 'GET', `${project(input.org, input.project)}/deployments?${query}`);
      return { output: { items: page.items } };
    },
  });

  deps.actionsRegistry.register({
    name: 'get-deployment',
    title: 'Get a deployment',
    description: 'One deployment with its approvals, timeline, conflicts and what the caller may do with it.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({ id: z.string().uuid() }),
      output: z => z.object({ deployment: z.record(z.unknown()) }),
    },
    action: async ({ input, credentials }) => ({
      output: { deployment: await call(credentials, 'GET', `/deployments/${input.id}`) },
    }),
  });

  deps.actionsRegistry.register({
    name: 'get-gitops-status',
    title: 'Get the GitOps status of a project',
    description: 'Every environment of the project with its Flux objects: state, applied revision, message.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({ org: slug(z), project: slug(z) }),
      output: z => z.object({ items: z.array(z.record(z.unknown())) }),
    },
    action: async ({ input, credentials }) => ({
      output: { items: (await call(credentials, 'GET', `${project(input.org, input.project)}/gitops`)).items },
    }),
  });

  deps.actionsRegistry.register({
    name: 'request-deployment',
    title: 'Request a deployment',
    description:
      'Asks for a change to one workload of an environment (image, replicas, env vars, resources or a merge patch). ' +
      'Policies apply and the environment\'s approval gate decides; the result says whether it waits for approvals.',
    // Not read-only, and destructive in MCP's sense (destructiveHint: "may perform destructive
    // updates"): once approved (or at once where no approval is needed) it replaces what runs
    // in the environment. Clients that ask before destructive tools should ask here.
    attributes: { destructive: true, readOnly: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          org: slug(z),
          project: slug(z),
          environment: slug(z),
          changes: z
            .object({
              image: z.object({ name: z.string().optional(), tag: z.string().optional(), digest: z.string().optional(), container: z.string().optional() }).optional(),
              replicas: z.number().int().min(0).optional(),
              env: z.object({ set: z.record(z.string()).optional(), remove: z.array(z.string()).optional(), container: z.string().optional() }).optional(),
              resources: z.record(z.unknown()).optional(),
              patch: z.record(z.unknown()).optional(),
            })
            .describe('What to change; the server validates it exactly as for the UI'),
          workload: z.string().optional().describe('Kind/name, e.g. Deployment/web; optional when the path has one'),
          message: z.string().max(2000).optional(),
        }),
      output: z => z.object({ id: z.string(), status: z.string(), link: z.string() }),
    },
    examples: [
      {
        title: 'Deploy version 1.5.0 of the shop to staging',
        input: { org: 'acme', project: 'shop', environment: 'staging', changes: { image: { tag: '1.5.0' } } },
      },
    ],
    action: async ({ input, credentials }) => {
      const { org, project: name, environment, ...request } = input;
      const created = await call(credentials, 'POST', `${project(org, name)}/environments/${environment}/deployments`, request);
      return {
        output: { id: created.id, status: created.status, link: `/juanie/orgs/${org}/projects/${name}/deployments/${created.id}` },
      };
    },
  });
}
