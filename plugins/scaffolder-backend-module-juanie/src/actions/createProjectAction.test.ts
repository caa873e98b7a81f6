import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
// The action is tested against a real Juanie back end, over HTTP.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import juanieBackend from '@juanie/plugin-juanie-backend';
import { JuanieServiceClient } from '@juanie/plugin-juanie-node';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import yaml from 'yaml';
import { createProjectAction } from './createProjectAction';
import { examples } from './createProjectAction.examples';

jest.setTimeout(60_000);

/**
 * The action against a real Juanie back end over HTTP. The permission framework is off here:
 * the role matrix has its own tests in the back end; this checks what the action sends.
 */
describe('juanie:project:create', () => {
  let server: Server;
  let client: JuanieServiceClient;
  const carol = { Authorization: mockCredentials.user.header('user:default/carol') };

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        juanieBackend,
        mockServices.rootConfig.factory({ data: { permission: { enabled: false } } }),
      ],
    }));
    const { port } = server.address() as AddressInfo;
    client = new JuanieServiceClient({
      discovery: mockServices.discovery.mock({
        getBaseUrl: async () => `http://localhost:${port}/api/juanie`,
      }),
      auth: mockServices.auth.mock({
        getPluginRequestToken: async () => ({
          token: mockCredentials.user.token('user:default/carol'),
        }),
      }),
    });
    await request(server).post('/api/juanie/orgs').set(carol).send({ slug: 'acme', title: 'Acme' });
  });

  it('runs its example: the project and its environments exist, in order', async () => {
    const action = createProjectAction(client);
    const input = yaml.parse(examples[0].example).steps[0].input;
    const ctx = createMockActionContext({ input });

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('project', 'checkout');
    const envs = await request(server)
      .get('/api/juanie/orgs/acme/projects/checkout/environments')
      .set(carol);
    expect(envs.body.items.map((e: { slug: string }) => e.slug)).toEqual(['dev', 'staging', 'prod']);
    expect(envs.body.items[1].approval).toMatchObject({
      requiredApprovals: 1,
      approvers: ['user:default/bob'],
    });
  });

  it('changes nothing on a dry run', async () => {
    const action = createProjectAction(client);
    // The mock context drops isDryRun, so it is set on the context it returns.
    const ctx = {
      ...createMockActionContext({ input: { org: 'acme', slug: 'dry', title: 'Dry' } }),
      isDryRun: true,
    };

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('project', 'dry');
    const project = await request(server).get('/api/juanie/orgs/acme/projects/dry').set(carol);
    expect(project.status).toBe(404);
  });

  it('refuses a bad slug before calling Juanie', async () => {
    const action = createProjectAction(client);
    const ctx = createMockActionContext({ input: { org: 'acme', slug: 'Not A Slug', title: 'X' } });

    await expect(action.handler(ctx)).rejects.toThrow(/Invalid project/);
  });

  it("reports Juanie's refusal when the slug is taken", async () => {
    const action = createProjectAction(client);
    const ctx = createMockActionContext({ input: { org: 'acme', slug: 'checkout', title: 'Again' } });

    await expect(action.handler(ctx)).rejects.toThrow(/already exists/);
  });
});
