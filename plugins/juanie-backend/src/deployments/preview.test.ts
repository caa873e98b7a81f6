import { createBareRepository, BareRepository } from '../gitops/testing/bareRepository';
import { startJuanieTestBackend, TestClient } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { shopWithStaging } from '../testing/shopWithStaging';

jest.setTimeout(120_000);

const DEPLOYMENT = `# The storefront
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2 # two is enough for staging
  template:
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/shop:1.2.3
`;

const PREVIEW = '/orgs/acme/projects/shop/environments/staging/deployments/preview';

describe('deployment preview', () => {
  const databases = createJuanieTestDatabases();
  let repo: BareRepository;

  beforeAll(async () => {
    repo = await createBareRepository({ 'apps/shop/staging/deployment.yaml': DEPLOYMENT });
  });
  afterAll(() => repo.cleanup());

  async function projectWithStaging(id: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(id);
    const { as } = await startJuanieTestBackend(knex, {
      juanie: { platformAdmins: [], gitops: { cacheDir: `${repo.url.slice(7)}-cache-${id}` } },
    });
    const carol: TestClient = as('carol');
    await shopWithStaging(knex, carol, repo.url, 'apps/shop/staging');
    await carol.post('/orgs/acme/projects/shop/members', { userRef: 'user:default/alice', role: 'developer' }).expect(201);
    await carol.post('/orgs/acme/projects/shop/members', { userRef: 'user:default/dave', role: 'viewer' }).expect(201);
    return { as, carol };
  }

  it.each(databases.eachSupportedId())(
    'shows a developer the diff of exactly the changed line, at the branch head (%p)',
    async id => {
      const { as } = await projectWithStaging(id);

      const res = await as('alice').post(PREVIEW, { changes: { image: { tag: '1.2.4' } } });

      expect(res.status).toBe(200);
      expect(res.body.baseRevision).toBe((await repo.run('rev-parse', 'main')).trim());
      expect(res.body.files['deployment.yaml']).toBe(DEPLOYMENT.replace('shop:1.2.3', 'shop:1.2.4'));
      const changedLines = res.body.diff.split('\n').filter((line: string) => /^[-+] /.test(line));
      expect(changedLines).toEqual([
        '-          image: ghcr.io/acme/shop:1.2.3',
        '+          image: ghcr.io/acme/shop:1.2.4',
      ]);
      expect(res.body).toMatchObject({ validation: { valid: true }, violations: [], enforced: false });
    },
  );

  it.each(databases.eachSupportedId())(
    'lists the violations of an enforced organisation policy (%p)',
    async id => {
      const { as, carol } = await projectWithStaging(id);
      await carol
        .post('/policies', { scope: { org: 'acme' }, title: 'No latest', type: 'noLatestTag' })
        .expect(201);

      const res = await as('alice').post(PREVIEW, { changes: { image: { tag: 'latest' } } });

      expect(res.status).toBe(200);
      expect(res.body.enforced).toBe(true);
      expect(res.body.violations).toEqual([
        expect.objectContaining({ rule: 'noLatestTag', enforcement: 'enforce', file: 'deployment.yaml' }),
      ]);
    },
  );

  it.each(databases.eachSupportedId())('refuses viewers and bad changes (%p)', async id => {
    const { as } = await projectWithStaging(id);

    expect((await as('dave').post(PREVIEW, { changes: { replicas: 3 } })).status).toBe(403);
    const bad = await as('alice').post(PREVIEW, { changes: { replicas: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/changes\.replicas/);
    const unknownEnv = await as('alice').post(PREVIEW.replace('staging', 'qa'), { changes: { replicas: 3 } });
    expect(unknownEnv.status).toBe(404);
  });
});
