import { Response } from 'supertest';
import { DeploymentFixture, startDeploymentFixture } from '../deployments/testing/deploymentFixture';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(120_000);

/** A 404's status and body, with the name it was asked about replaced, to compare two answers. */
const shapeOf = (response: Response, name: string) => ({
  status: response.status,
  body: JSON.parse(JSON.stringify(response.body).split(name).join('<name>')),
});

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('what a caller cannot see answers as if it did not exist', () => {
  const databases = createJuanieTestDatabases();
  let fixture: DeploymentFixture | undefined;

  afterEach(async () => {
    await fixture?.backend.stop();
    await fixture?.repo.cleanup();
    fixture = undefined;
  });

  it.each(databases.eachSupportedId())(
    'attack: an unknown organisation answers 404 and a foreign one 403, so names can be enumerated — refused for organisations, projects, environments, deployments and policies (%p)',
    async id => {
      fixture = await startDeploymentFixture(await databases.init(id), { cacheName: `uniform-${id}-${Date.now()}` });
      const { carol, alice, dave, as } = fixture;
      const { body: deployment } = await alice
        .post('/orgs/acme/projects/shop/environments/staging/deployments', { changes: { image: { tag: '1.3.0' } } })
        .expect(201);
      const { body: policy } = await carol
        .post('/policies', { scope: { org: 'acme', project: 'shop' }, title: 'No latest', type: 'noLatestTag' })
        .expect(201);
      const { body: orgPolicy } = await carol
        .post('/policies', { scope: { org: 'acme' }, title: 'No latest anywhere', type: 'noLatestTag' })
        .expect(201);
      // Mallory has an organisation of her own; erin is a member of acme with no role on shop.
      const mallory = as('mallory');
      await mallory.post('/orgs', { slug: 'evil', title: 'Evil' }).expect(201);
      await carol.post('/orgs/acme/members', { userRef: 'user:default/erin', role: 'member' }).expect(201);
      const erin = as('erin');

      // [what, the caller, foreign request, unknown request, the name each one asks about]
      const cases: Array<[string, typeof mallory, () => PromiseLike<Response>, () => PromiseLike<Response>, [string, string]]> = [
        ['organisation', mallory, () => mallory.get('/orgs/acme'), () => mallory.get('/orgs/nowhere'), ['acme', 'nowhere']],
        ['organisation, changed', mallory, () => mallory.patch('/orgs/acme', { title: 'Mine' }), () => mallory.patch('/orgs/nowhere', { title: 'Mine' }), ['acme', 'nowhere']],
        ['organisation members', mallory, () => mallory.get('/orgs/acme/members'), () => mallory.get('/orgs/nowhere/members'), ['acme', 'nowhere']],
        ['projects of an organisation', mallory, () => mallory.get('/orgs/acme/projects'), () => mallory.get('/orgs/nowhere/projects'), ['acme', 'nowhere']],
        ['project', mallory, () => mallory.get('/orgs/acme/projects/shop'), () => mallory.get('/orgs/nowhere/projects/shop'), ['acme', 'nowhere']],
        ['project, to a member of its organisation', erin, () => erin.get('/orgs/acme/projects/shop'), () => erin.get('/orgs/acme/projects/nothing'), ['shop', 'nothing']],
        ['project, changed', erin, () => erin.patch('/orgs/acme/projects/shop', { title: 'Mine' }), () => erin.patch('/orgs/acme/projects/nothing', { title: 'Mine' }), ['shop', 'nothing']],
        ['environment', mallory, () => mallory.get('/orgs/acme/projects/shop/environments/staging'), () => mallory.get('/orgs/nowhere/projects/shop/environments/staging'), ['acme', 'nowhere']],
        ['environment, to a member of its organisation', erin, () => erin.get('/orgs/acme/projects/shop/environments/staging'), () => erin.get('/orgs/acme/projects/nothing/environments/staging'), ['shop', 'nothing']],
        ['deployment', mallory, () => mallory.get(`/deployments/${deployment.id}`), () => mallory.get(`/deployments/${UNKNOWN_ID}`), [deployment.id, UNKNOWN_ID]],
        ['deployment, voted on', mallory, () => mallory.post(`/deployments/${deployment.id}/approvals`, { decision: 'approve' }), () => mallory.post(`/deployments/${UNKNOWN_ID}/approvals`, { decision: 'approve' }), [deployment.id, UNKNOWN_ID]],
        ['deployment, cancelled', erin, () => erin.post(`/deployments/${deployment.id}/cancel`, {}), () => erin.post(`/deployments/${UNKNOWN_ID}/cancel`, {}), [deployment.id, UNKNOWN_ID]],
        ['project policy', erin, () => erin.get(`/policies/${policy.id}`), () => erin.get(`/policies/${UNKNOWN_ID}`), [policy.id, UNKNOWN_ID]],
        ['organisation policy', mallory, () => mallory.get(`/policies/${orgPolicy.id}`), () => mallory.get(`/policies/${UNKNOWN_ID}`), [orgPolicy.id, UNKNOWN_ID]],
        ['organisation policy, deleted', mallory, () => mallory.delete(`/policies/${orgPolicy.id}`), () => mallory.delete(`/policies/${UNKNOWN_ID}`), [orgPolicy.id, UNKNOWN_ID]],
        ['policies of a scope', mallory, () => mallory.get('/policies?org=acme&project=shop'), () => mallory.get('/policies?org=nowhere&project=shop'), ['acme', 'nowhere']],
        ['policy created in a scope', erin, () => erin.post('/policies', { scope: { org: 'acme', project: 'shop' }, title: 'x', type: 'noLatestTag' }), () => erin.post('/policies', { scope: { org: 'acme', project: 'nothing' }, title: 'x', type: 'noLatestTag' }), ['shop', 'nothing']],
      ];
      for (const [what, , foreign, unknown, [foreignName, unknownName]] of cases) {
        const [seen, unseen] = [await foreign(), await unknown()];
        expect({ what, ...shapeOf(seen, foreignName) }).toEqual({ what, ...shapeOf(unseen, unknownName) });
        expect({ what, status: seen.status, name: seen.body.error?.name }).toEqual({ what, status: 404, name: 'NotFoundError' });
      }

      // Who sees a resource but may not do something to it still gets a 403 that says so.
      const refused = await dave.patch('/orgs/acme/projects/shop', { title: 'Mine' }).expect(403);
      expect(refused.body.error.name).toBe('NotAllowedError');
      await erin.patch('/orgs/acme', { title: 'Mine' }).expect(403);
      await dave.post(`/deployments/${deployment.id}/cancel`, {}).expect(403);
      await dave.delete(`/policies/${policy.id}`).expect(403);
      // And nothing was changed by any of it.
      expect((await carol.get('/orgs/acme').expect(200)).body.title).toBe('Acme');
      expect((await carol.get(`/deployments/${deployment.id}`).expect(200)).body.status).toBe('pending_approval');
      await carol.get(`/policies/${orgPolicy.id}`).expect(200);
    },
  );
});
