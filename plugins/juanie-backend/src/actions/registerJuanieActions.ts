import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { juanieContract as c, manifestChangeSchema } from '@juanie/plugin-juanie-common';
import { JuanieServiceClient } from '@juanie/plugin-juanie-node';
import { z as z4 } from 'zod';

/**
 * The JSON Schema of a contract schema, for an action's description: the actions registry takes
 * zod 3 schemas (it turns them into the MCP tool's input schema), the contract is zod 4, so the
 * action names the field loosely and the server validates it against the contract.
 */
const described = (schema: z4.ZodType) => JSON.stringify(z4.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));

/**
 * Juanie's actions for the actions registry (served over MCP by the mcp-actions backend): its
 * read actions and the deployment request. Each calls an operation of Juanie's contract over
 * HTTP on behalf of the caller, so permissions, validation, policies and the audit trail apply
 * exactly as in the UI.
 */
export function registerJuanieActions(deps: {
  actionsRegistry: ActionsRegistryService;
  auth: AuthService;
  discovery: DiscoveryService;
}) {
  const juanie = new JuanieServiceClient(deps);

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
      output: { items: (await juanie.call(c.listAllProjects, { query: { limit: input.limit } }, { credentials })).items },
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
          org: z.string(),
          project: z.string(),
          environment: z.string().optional(),
          statuses: z.array(z.string()).optional().describe('e.g. ["pending_approval", "failed"]'),
          limit: z.number().int().min(1).max(100).default(20),
        }),
      output: z => z.object({ items: z.array(z.record(z.unknown())) }),
    },
    action: async ({ input, credentials }) => {
      const { org, project, environment, statuses, limit } = input;
      const page = await juanie.call(
        c.listDeployments,
        { params: { org, project }, query: { environment, status: statuses?.join(','), limit } },
        { credentials },
      );
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
      output: { deployment: await juanie.call(c.getDeployment, { params: { id: input.id } }, { credentials }) },
    }),
  });

  deps.actionsRegistry.register({
    name: 'get-gitops-status',
    title: 'Get the GitOps status of a project',
    description: 'Every environment of the project with its Flux objects: state, applied revision, message.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({ org: z.string(), project: z.string() }),
      output: z => z.object({ items: z.array(z.record(z.unknown())) }),
    },
    action: async ({ input, credentials }) => ({
      output: { items: (await juanie.call(c.getProjectGitOps, { params: input }, { credentials })).items },
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
          org: z.string(),
          project: z.string(),
          environment: z.string(),
          changes: z
            .record(z.unknown())
            .describe(`What to change; the server validates it exactly as for the UI. JSON Schema: ${described(manifestChangeSchema)}`),
          workload: z.string().optional().describe('Kind/name, e.g. Deployment/web; optional when the path has one'),
          message: z.string().optional(),
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
      const { org, project, environment: env, ...body } = input;
      const created = await juanie.call(c.requestDeployment, { params: { org, project, env }, body }, { credentials });
      return {
        output: { id: created.id, status: created.status, link: `/juanie/orgs/${org}/projects/${project}/deployments/${created.id}` },
      };
    },
  });
}
