import { createJuanieTestDatabases } from '../testing/testDatabases';
import { DeploymentFixture, startDeploymentFixture } from '../deployments/testing/deploymentFixture';

jest.setTimeout(120_000);

const invoke = (name: string) => `/.backstage/actions/v1/actions/juanie:${name}/invoke`;

describe('actions for the actions registry (MCP)', () => {
  const databases = createJuanieTestDatabases();
  let fixture: DeploymentFixture | undefined;

  afterEach(async () => {
    await fixture?.backend.stop();
    await fixture?.repo.cleanup();
    fixture = undefined;
  });

  it('lists the actions and runs them as the caller, through the same checks as the API', async () => {
    fixture = await startDeploymentFixture(await databases.init('SQLITE_3'), { cacheName: `actions-${Date.now()}` });
    const { alice, dave } = fixture;

    const { body: listed } = await alice.get('/.backstage/actions/v1/actions').expect(200);
    expect(listed.actions.map((a: { id: string; attributes: { readOnly: boolean } }) => [a.id, a.attributes.readOnly])).toEqual([
      ['juanie:list-projects', true],
      ['juanie:list-deployments', true],
      ['juanie:get-deployment', true],
      ['juanie:get-gitops-status', true],
      ['juanie:request-deployment', false],
    ]);

    const request = { org: 'acme', project: 'shop', environment: 'staging', changes: { image: { tag: '1.3.0' } } };
    const { body: requested } = await alice.post(invoke('request-deployment'), request).expect(200);
    expect(requested.output).toMatchObject({ status: 'pending_approval', link: expect.stringContaining('/deployments/') });
    const { body: detail } = await alice.post(invoke('get-deployment'), { id: requested.output.id }).expect(200);
    expect(detail.output.deployment).toMatchObject({ requestedBy: 'user:default/alice', environment: 'staging' });

    // A viewer may read but not deploy; a policy's or the schema's refusal comes through as well.
    const refused = await dave.post(invoke('request-deployment'), request);
    expect(refused.status).toBe(403);
    const { body: list } = await dave.post(invoke('list-deployments'), { org: 'acme', project: 'shop', statuses: ['pending_approval'] }).expect(200);
    expect(list.output.items.map((d: { id: string }) => d.id)).toEqual([requested.output.id]);
    await alice.post(invoke('request-deployment'), { ...request, changes: { replicas: -1 } }).expect(400);
    const { body: projects } = await dave.post(invoke('list-projects'), {}).expect(200);
    expect(projects.output.items.map((p: { slug: string }) => p.slug)).toEqual(['shop']);
  });
});
