import {
  CAST,
  expectSuccess,
  seedOrganization,
  seedProject,
} from '../testing/seededOrganization';
import { JuanieTestBackend, startJuanieTestBackend, TestClient } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(60_000);

const slugs = (response: { body: { items: Array<{ slug: string }> } }) =>
  response.body.items.map(item => item.slug);
const keys = (response: { body: { items: Array<{ org: string; slug: string }> } }) =>
  response.body.items.map(item => `${item.org}/${item.slug}`);

describe('soft delete', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let backend: JuanieTestBackend;
    let owner: TestClient;
    const ok = async (request: PromiseLike<any>, what: string) =>
      expectSuccess(await request, what).body;

    /** Each test has an organisation of its own with project shop. */
    async function seed(org: string) {
      await seedOrganization(backend, org);
      await seedProject(backend, org, 'shop');
    }

    beforeAll(async () => {
      backend = await startJuanieTestBackend(await databases.init(databaseId));
      owner = backend.as(CAST.orgOwner);
    });

    it('hides a deleted organisation from lists, answers 404 and frees its slug', async () => {
      await seed('bygone');

      expect((await owner.delete('/orgs/bygone')).status).toBe(204);

      expect(slugs(await owner.get('/orgs'))).not.toContain('bygone');
      expect(slugs(await backend.as(CAST.platformAdmin).get('/orgs'))).not.toContain('bygone');
      expect(keys(await backend.as(CAST.viewer).get('/projects'))).not.toContain('bygone/shop');
      expect((await owner.get('/orgs/bygone')).status).toBe(404);
      expect((await owner.get('/orgs/bygone/projects/shop')).status).toBe(404);

      const reborn = await backend.as('newcomer').post('/orgs', { slug: 'bygone', title: 'Again' });
      expect(reborn.status).toBe(201);
      expect(reborn.body).toMatchObject({ slug: 'bygone', myRole: 'owner' });
      expect((await backend.as('newcomer').get('/orgs/bygone/projects')).body.items).toEqual([]);
      // The old members do not even learn that the new organisation exists.
      expect((await backend.as(CAST.orgMember).get('/orgs/bygone')).status).toBe(404);
    });

    it('hides a deleted project from lists, answers 404 and frees its slug', async () => {
      await seed('dropped');
      await ok(
        owner.post('/orgs/dropped/projects/shop/environments', { slug: 'dev', title: 'Dev', kind: 'development' }),
        'create dev',
      );

      expect((await owner.delete('/orgs/dropped/projects/shop')).status).toBe(204);

      expect(slugs(await owner.get('/orgs/dropped/projects'))).toEqual([]);
      expect(keys(await backend.as(CAST.viewer).get('/projects'))).not.toContain('dropped/shop');
      expect((await owner.get('/orgs/dropped/projects/shop')).status).toBe(404);
      expect((await owner.get('/orgs/dropped/projects/shop/environments/dev')).status).toBe(404);
      expect((await owner.get('/orgs/dropped/quota')).body.usage).toMatchObject({ projects: 0 });

      expect((await owner.post('/orgs/dropped/projects', { slug: 'shop', title: 'Again' })).status).toBe(201);
      expect((await owner.get('/orgs/dropped/projects/shop/environments')).body.items).toEqual([]);
      expect((await backend.as(CAST.viewer).get('/orgs/dropped/projects/shop')).status).toBe(404);
    });

    it('hides a deleted team, takes its project role away and frees its slug', async () => {
      await seed('disbanded');
      const teamDeveloper = backend.as(CAST.teamDeveloper);
      expect((await teamDeveloper.get('/orgs/disbanded/projects/shop')).status).toBe(200);

      expect((await owner.delete('/orgs/disbanded/teams/web')).status).toBe(204);

      expect(slugs(await owner.get('/orgs/disbanded/teams'))).toEqual([]);
      expect((await owner.get('/orgs/disbanded/teams/web')).status).toBe(404);
      expect((await owner.get('/orgs/disbanded/projects/shop/teams')).body.items).toEqual([]);
      expect((await teamDeveloper.get('/orgs/disbanded/projects/shop')).status).toBe(404);

      const again = await ok(owner.post('/orgs/disbanded/teams', { slug: 'web', title: 'Web again' }), 'recreate web');
      expect(again).toMatchObject({ slug: 'web', memberCount: 0 });
      expect((await owner.get('/orgs/disbanded/projects/shop/teams')).body.items).toEqual([]);
    });

    it('hides a deleted environment, releases its repository and frees its slug', async () => {
      await seed('retired');
      const base = '/orgs/retired/projects/shop';
      const repo = await ok(
        owner.post(`${base}/repositories`, { url: 'https://git.example.com/acme/retired.git', purpose: 'gitops' }),
        'connect',
      );
      const gitops = { repositoryId: repo.id, branch: 'main', path: 'clusters/dev' };
      await ok(owner.post(`${base}/environments`, { slug: 'dev', title: 'Dev', kind: 'development', gitops }), 'create dev');
      expect((await owner.delete(`${base}/repositories/${repo.id}`)).status).toBe(409);

      expect((await owner.delete(`${base}/environments/dev`)).status).toBe(204);

      expect(slugs(await owner.get(`${base}/environments`))).toEqual([]);
      expect((await owner.get(`${base}/environments/dev`)).status).toBe(404);
      const again = await ok(
        owner.post(`${base}/environments`, { slug: 'dev', title: 'Dev again', kind: 'development' }),
        'recreate dev',
      );
      expect(again).toMatchObject({ slug: 'dev', gitops: null });
      expect((await owner.delete(`${base}/repositories/${repo.id}`)).status).toBe(204);
    });
  });
});
