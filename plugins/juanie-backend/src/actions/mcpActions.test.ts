import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';
import { DeploymentFixture, startDeploymentFixture } from '../deployments/testing/deploymentFixture';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(120_000);

/**
 * The action sources exactly as the portal configures them, so this test fails when Juanie
 * drops out of `backend.actions.pluginSources` (the registry then hides Juanie's actions).
 */
const { pluginSources } = parse(
  fs.readFileSync(path.resolve(__dirname, '../../../../app-config.yaml'), 'utf8'),
).backend.actions;

type Tool = Awaited<ReturnType<Client['listTools']>>['tools'][number];

describe("Juanie's actions over MCP (the mcp-actions backend, Streamable HTTP)", () => {
  const databases = createJuanieTestDatabases();
  let fixture: DeploymentFixture | undefined;
  const clients: Client[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map(client => client.close()));
    await fixture?.backend.stop();
    await fixture?.repo.cleanup();
    fixture = undefined;
  });

  /** A real MCP client that sends the user's token, as an AI assistant would. */
  async function mcpClientOf(user: string | undefined) {
    const { port } = fixture!.backend.server.address() as AddressInfo;
    const headers: Record<string, string> = user ? { Authorization: mockCredentials.user.header(`user:default/${user}`) } : {};
    const client = new Client({ name: 'juanie-test-assistant', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`http://localhost:${port}/api/mcp-actions/v1`), { requestInit: { headers } }),
    );
    clients.push(client);
    return client;
  }

  const textOf = (result: Awaited<ReturnType<Client['callTool']>>) =>
    (result.content as Array<{ type: string; text: string }>).map(c => c.text).join('\n');

  it.each(databases.eachSupportedId())(
    'lists the tools with their hints and runs each call with the caller’s permissions (%p)',
    async id => {
      fixture = await startDeploymentFixture(await databases.init(id), {
        cacheName: `mcp-${id}-${Date.now()}`,
        backend: {
          config: { backend: { actions: { pluginSources } } },
          features: [
            mcpActionsPlugin,
            // A request without a token is anonymous, as in a real backend (the mock's default is a user).
            mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
          ],
        },
      });
      expect(pluginSources).toContain('juanie');
      const alice = await mcpClientOf('alice');
      const dave = await mcpClientOf('dave');

      const { tools } = await dave.listTools();
      const juanieTools = tools.filter(tool => tool.name.startsWith('juanie.'));
      const hints = (tool: Tool) => [
        tool.name,
        tool.annotations?.readOnlyHint,
        tool.annotations?.destructiveHint,
        tool.annotations?.idempotentHint,
      ];
      expect(juanieTools.map(hints)).toEqual([
        ['juanie.list-projects', true, false, true],
        ['juanie.list-deployments', true, false, true],
        ['juanie.get-deployment', true, false, true],
        ['juanie.get-gitops-status', true, false, true],
        ['juanie.request-deployment', false, true, false],
      ]);
      const requestTool = juanieTools.find(tool => tool.name === 'juanie.request-deployment')!;
      expect(requestTool.inputSchema.required).toEqual(expect.arrayContaining(['org', 'project', 'environment', 'changes']));

      const request = { org: 'acme', project: 'shop', environment: 'staging', changes: { image: { tag: '1.3.0' } } };

      // A viewer may read, but the deployment request is refused by Juanie's permission check.
      const refused = await dave.callTool({ name: 'juanie.request-deployment', arguments: request });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(/^NotAllowedError: /);
      const { body: none } = await fixture.carol.get('/orgs/acme/projects/shop/deployments').expect(200);
      expect(none.items).toEqual([]);

      // A developer's request goes through, as that developer, to the approval gate.
      const requested = await alice.callTool({ name: 'juanie.request-deployment', arguments: request });
      expect(requested.isError).toBeFalsy();
      const output = requested.structuredContent as { id: string; status: string; link: string };
      expect(output).toMatchObject({ status: 'pending_approval', link: `/juanie/orgs/acme/projects/shop/deployments/${output.id}` });
      const { body: stored } = await fixture.carol.get(`/deployments/${output.id}`).expect(200);
      expect(stored).toMatchObject({ requestedBy: 'user:default/alice', environment: 'staging', status: 'pending_approval' });
      const { body: trail } = await fixture.carol.get('/audit?org=acme&action=deployment.request').expect(200);
      expect(trail.items.map((e: { actorRef: string; outcome: string }) => [e.actorRef, e.outcome])).toEqual(
        expect.arrayContaining([
          ['user:default/alice', 'success'],
          ['user:default/dave', 'denied'],
        ]),
      );

      // Reads run as the caller too: the viewer sees the project's deployments, an outsider none.
      const listed = await dave.callTool({ name: 'juanie.list-deployments', arguments: { org: 'acme', project: 'shop' } });
      expect((listed.structuredContent as { items: Array<{ id: string }> }).items.map(d => d.id)).toEqual([output.id]);
      const outsider = await mcpClientOf('mallory');
      const projects = await outsider.callTool({ name: 'juanie.list-projects', arguments: {} });
      expect(projects.structuredContent).toEqual({ items: [] });
      const hidden = await outsider.callTool({ name: 'juanie.get-deployment', arguments: { id: output.id } });
      expect(hidden.isError).toBe(true);

      // Bad input is refused with the schema's reasons, and changes nothing.
      const invalid = await alice.callTool({
        name: 'juanie.request-deployment',
        arguments: { ...request, changes: { replicas: -1 } },
      });
      expect(invalid.isError).toBe(true);
      expect(textOf(invalid)).toMatch(/^InputError: /);
      const { body: after } = await fixture.carol.get('/orgs/acme/projects/shop/deployments').expect(200);
      expect(after.items.map((d: { id: string }) => d.id)).toEqual([output.id]);

      // Without a token there is no MCP session at all.
      await expect(mcpClientOf(undefined)).rejects.toThrow(/401/);
    },
  );
});
