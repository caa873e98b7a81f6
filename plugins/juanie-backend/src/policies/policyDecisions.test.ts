import { createBareRepository, BareRepository } from '../gitops/testing/bareRepository';
import { startJuanieTestBackend, TestClient } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { claimLocalRepository } from '../testing/repositoryClaims';

jest.setTimeout(120_000);

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/shop:1.2.3
`;

const deploy = (project: string) => `/orgs/acme/projects/${project}/environments/staging/deployments`;
const LATEST = { changes: { image: { tag: 'latest' } } };

describe('the decisions of a policy', () => {
  const databases = createJuanieTestDatabases();
  let repo: BareRepository;

  beforeAll(async () => {
    repo = await createBareRepository({ 'apps/shop/staging/deployment.yaml': DEPLOYMENT });
  });
  afterAll(() => repo.cleanup());

  /** acme with projects shop (alice develops, dave views) and intranet (carol's alone). */
  async function acmeWithTwoProjects(id: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(id);
    const { as } = await startJuanieTestBackend(knex, {
      juanie: { platformAdmins: [], gitops: { cacheDir: `${repo.url.slice(7)}-decisions-cache-${id}` } },
    });
    const carol: TestClient = as('carol');
    await carol.post('/orgs', { slug: 'acme', title: 'Acme' }).expect(201);
    await claimLocalRepository(knex, 'acme', repo.url);
    for (const project of ['shop', 'intranet']) {
      await carol.post('/orgs/acme/projects', { slug: project, title: project }).expect(201);
      const { body: gitops } = await carol
        .post(`/orgs/acme/projects/${project}/repositories`, { url: repo.url, purpose: 'gitops' })
        .expect(201);
      await carol
        .post(`/orgs/acme/projects/${project}/environments`, {
          slug: 'staging',
          title: 'Staging',
          kind: 'staging',
          gitops: { repositoryId: gitops.id, branch: 'main', path: 'apps/shop/staging' },
        })
        .expect(201);
    }
    await carol.post('/orgs/acme/projects/shop/members', { userRef: 'user:default/alice', role: 'developer' }).expect(201);
    await carol.post('/orgs/acme/projects/shop/members', { userRef: 'user:default/dave', role: 'viewer' }).expect(201);
    const { body: noLatest } = await carol
      .post('/policies', { scope: { org: 'acme' }, title: 'No latest', type: 'noLatestTag' })
      .expect(201);
    const { body: digests } = await carol
      .post('/policies', {
        scope: { org: 'acme', project: 'shop', environment: 'staging' },
        title: 'Digests in staging',
        type: 'requireDigest',
        enforcement: 'warn',
      })
      .expect(201);
    return { as, carol, noLatest, digests };
  }

  it.each(databases.eachSupportedId())(
    'lists the requests a policy refused and those it warned about, newest first (%p)',
    async id => {
      const { as, noLatest, digests } = await acmeWithTwoProjects(id);
      const alice = as('alice');

      const refused = await alice.post(deploy('shop'), LATEST);
      expect(refused.status).toBe(422);
      const accepted = await alice.post(deploy('shop'), { changes: { image: { tag: '1.2.4' } } });
      expect(accepted.status).toBe(201);

      const { body: refusals } = await as('dave').get(`/policies/${noLatest.id}/decisions`).expect(200);
      expect(refusals.items).toEqual([
        {
          auditEventId: expect.any(String),
          occurredAt: expect.any(String),
          outcome: 'refused',
          action: 'deployment.request',
          actorRef: 'user:default/alice',
          org: 'acme',
          project: 'shop',
          environment: 'staging',
          deploymentId: null,
          violations: [
            expect.objectContaining({ policyId: noLatest.id, rule: 'noLatestTag', enforcement: 'enforce', file: 'deployment.yaml' }),
          ],
        },
      ]);
      const { body: warnings } = await as('dave').get(`/policies/${digests.id}/decisions`).expect(200);
      expect(warnings.items).toMatchObject([
        { outcome: 'warned', environment: 'staging', deploymentId: accepted.body.id },
        // The refused request broke the warning policy too; no deployment came of it.
        { outcome: 'warned', environment: 'staging', deploymentId: null },
      ]);
      expect(warnings.items[0].violations).toEqual([
        expect.objectContaining({ policyId: digests.id, enforcement: 'warn', rule: 'requireDigest' }),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    "shows each caller only the projects they may read, filters by project, and refuses strangers (%p)",
    async id => {
      const { as, carol, noLatest } = await acmeWithTwoProjects(id);
      expect((await as('alice').post(deploy('shop'), LATEST)).status).toBe(422);
      expect((await carol.post(deploy('intranet'), LATEST)).status).toBe(422);
      const projectsSeenBy = async (client: TestClient, query = '') =>
        (await client.get(`/policies/${noLatest.id}/decisions${query}`).expect(200)).body.items.map(
          (d: { project: string }) => d.project,
        );

      expect(await projectsSeenBy(carol)).toEqual(['intranet', 'shop']);
      expect(await projectsSeenBy(as('alice'))).toEqual(['shop']);
      expect(await projectsSeenBy(carol, '?project=shop')).toEqual(['shop']);
      expect(await projectsSeenBy(carol, '?limit=1')).toEqual(['intranet']);

      expect((await as('eve').get(`/policies/${noLatest.id}/decisions`)).status).toBe(404);
      expect((await carol.get(`/policies/${noLatest.id}/decisions?limit=0`)).status).toBe(400);
      expect((await carol.get(`/policies/${noLatest.id}/decisions?since=yesterday`)).status).toBe(400);
      expect((await carol.get('/policies/5b0e5b0e-0000-4000-8000-000000000000/decisions')).status).toBe(404);
    },
  );
});
