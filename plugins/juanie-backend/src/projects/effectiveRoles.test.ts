import { CAST, expectSuccess, seedAcmeShop, userRef } from '../testing/seededOrganization';
import { JuanieTestBackend, startJuanieTestBackend, TestClient } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(60_000);

const PROJECT = '/orgs/acme/projects/shop';

describe('effective project roles', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let backend: JuanieTestBackend;
    let owner: TestClient;

    /** A new person, `role` on shop directly, and in a new team with `teamRole` on shop. */
    async function personWith(name: string, role: string | undefined, teamRole: string | undefined) {
      const ok = async (p: PromiseLike<any>, what: string) => expectSuccess(await p, what);
      if (role) await ok(owner.post(`${PROJECT}/members`, { userRef: userRef(name), role }), 'add member');
      if (teamRole) {
        const team = `team-of-${name}`;
        await ok(owner.post('/orgs/acme/teams', { slug: team, title: team }), 'create team');
        await ok(
          owner.post(`/orgs/acme/teams/${team}/members`, { userRef: userRef(name), role: 'member' }),
          'join team',
        );
        await ok(owner.post(`${PROJECT}/teams`, { team, role: teamRole }), 'grant team');
      }
      return backend.as(name);
    }

    beforeAll(async () => {
      backend = await startJuanieTestBackend(await databases.init(databaseId));
      await seedAcmeShop(backend);
      owner = backend.as(CAST.orgOwner);
    });

    it('is the highest of the direct and team roles: viewer directly, maintainer by team, may manage', async () => {
      const vera = await personWith('vera', 'viewer', 'maintainer');

      expect((await vera.get(PROJECT)).body.myRole).toBe('maintainer');
      expect((await vera.patch(PROJECT, { title: 'Renamed by vera' })).status).toBe(200);
      expect((await vera.post(`${PROJECT}/environments`, { slug: 'vera', title: 'V', kind: 'development' })).status).toBe(201);
    });

    it('keeps a direct role that is higher than the team role', async () => {
      const max = await personWith('max', 'maintainer', 'viewer');

      expect((await max.get(PROJECT)).body.myRole).toBe('maintainer');
      expect((await max.patch(PROJECT, { title: 'Renamed by max' })).status).toBe(200);
    });

    it('gives a team-only developer read access but not management', async () => {
      const tess = await personWith('tess', undefined, 'developer');

      expect((await tess.get(PROJECT)).body.myRole).toBe('developer');
      expect((await tess.patch(PROJECT, { title: 'Renamed by tess' })).status).toBe(403);
    });

    it('counts organisation owners and admins as project owners', async () => {
      const admin = backend.as(CAST.orgAdmin);

      expect((await admin.get(PROJECT)).body.myRole).toBe('owner');
      expect((await admin.get('/orgs/acme')).body.myRole).toBe('admin');
    });

    it('falls back to the direct role when the team loses its grant', async () => {
      const walt = await personWith('walt', 'viewer', 'maintainer');
      expect((await walt.get(PROJECT)).body.myRole).toBe('maintainer');

      expectSuccess(await owner.delete(`${PROJECT}/teams/team-of-walt`), 'revoke team grant');

      expect((await walt.get(PROJECT)).body.myRole).toBe('viewer');
      expect((await walt.patch(PROJECT, { title: 'Renamed by walt' })).status).toBe(403);
    });

    it('drops the team role when the team is deleted', async () => {
      const dora = await personWith('dora', undefined, 'maintainer');
      expect((await dora.get(PROJECT)).status).toBe(200);

      expectSuccess(await owner.delete('/orgs/acme/teams/team-of-dora'), 'delete team');

      expect((await dora.get(PROJECT)).status).toBe(404);
      expect((await dora.get('/projects')).body.items).toEqual([]);
    });

    it.each([
      ['a developer through team web (as alice on shop in the demo)', CAST.teamDeveloper, 'developer'],
      ['a direct developer', CAST.developer, 'developer'],
      ['a direct viewer', CAST.viewer, 'viewer'],
      ['a direct maintainer', CAST.maintainer, 'maintainer'],
      ["the organisation's owner, who left the member list", CAST.orgOwner, 'owner'],
      ["an organisation admin", CAST.orgAdmin, 'owner'],
      ['a platform admin, with no membership at all', CAST.platformAdmin, 'owner'],
    ])('gives %s the same role on the project, the organisation list and the home list', async (_who, name, role) => {
      const as = backend.as(name);
      const shopIn = (items: Array<{ org: string; slug: string; myRole?: string }>) =>
        items.find(p => p.org === 'acme' && p.slug === 'shop');

      expect((await as.get(PROJECT)).body.myRole).toBe(role);
      expect(shopIn((await as.get('/projects')).body.items)?.myRole).toBe(role);
      expect(shopIn((await as.get('/orgs/acme/projects')).body.items)?.myRole).toBe(role);
    });

    it('lists a project for its team members and the organisation for them as members', async () => {
      const theo = await personWith('theo', undefined, 'viewer');

      const projects = (await theo.get('/projects')).body.items;
      expect(projects.map((p: { org: string; slug: string }) => `${p.org}/${p.slug}`)).toEqual(['acme/shop']);
      const orgs = (await theo.get('/orgs')).body.items;
      expect(orgs).toEqual([expect.objectContaining({ slug: 'acme', myRole: 'member' })]);
    });
  });
});
