import { Knex } from 'knex';
import { denied, expectRefusedWithoutChange } from '../testing/refusals';
import { CAST, seedAcmeShop, userRef } from '../testing/seededOrganization';
import { JuanieTestBackend, startJuanieTestBackend } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(120_000);

const orgMember = (name: string) => `/orgs/acme/members/${encodeURIComponent(userRef(name))}`;
const projectMembers = '/orgs/acme/projects/shop/members';
const projectMember = (name: string) => `${projectMembers}/${encodeURIComponent(userRef(name))}`;

/** Issue 12, rule 4: no one grants, changes or removes a role above their own. */
describe('role ceilings', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let backend: JuanieTestBackend;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startJuanieTestBackend(knex);
      await seedAcmeShop(backend);
    });

    afterAll(() => backend.stop());

    it('an organisation admin made themselves owner and demoted the owner: both refused (403)', async () => {
      const admin = backend.as(CAST.orgAdmin);
      await expectRefusedWithoutChange(knex, () => admin.patch(orgMember(CAST.orgAdmin), { role: 'owner' }), denied(/Only an owner of organisation acme may grant, change or remove the owner role/));
      await expectRefusedWithoutChange(knex, () => admin.patch(orgMember(CAST.orgOwner), { role: 'member' }), denied(/Only an owner of organisation acme/));
      await expectRefusedWithoutChange(knex, () => admin.post('/orgs/acme/members', { userRef: userRef('stranger'), role: 'owner' }), denied(/Only an owner of organisation acme/));
      await expectRefusedWithoutChange(knex, () => admin.delete(orgMember(CAST.orgOwner)), denied(/Only an owner of organisation acme/));
      expect((await admin.get('/orgs/acme')).body.myRole).toBe('admin');
    });

    it('an organisation admin still manages roles up to admin', async () => {
      const admin = backend.as(CAST.orgAdmin);
      expect((await admin.post('/orgs/acme/members', { userRef: userRef('new-admin'), role: 'admin' })).status).toBe(201);
      expect((await admin.patch(orgMember('new-admin'), { role: 'member' })).status).toBe(200);
      expect((await admin.delete(orgMember('new-admin'))).status).toBe(204);
    });

    it('only owners manage owners: the owner makes and unmakes another owner', async () => {
      const owner = backend.as(CAST.orgOwner);
      expect((await owner.post('/orgs/acme/members', { userRef: userRef('co-owner'), role: 'owner' })).status).toBe(201);
      expect((await owner.patch(orgMember('co-owner'), { role: 'admin' })).status).toBe(200);
      expect((await owner.delete(orgMember('co-owner'))).status).toBe(204);
    });

    it('a project maintainer made a stranger owner: refused (403), as every grant above maintainer', async () => {
      const maintainer = backend.as(CAST.maintainer);
      await expectRefusedWithoutChange(knex, () => maintainer.post(projectMembers, { userRef: userRef('stranger'), role: 'owner' }), denied(/Only an owner of project acme\/shop may grant, change or remove the owner role/));
      await expectRefusedWithoutChange(knex, () => maintainer.patch(projectMember(CAST.developer), { role: 'owner' }), denied(/Only an owner of project acme\/shop/));
      await expectRefusedWithoutChange(knex, () => maintainer.patch(projectMember(CAST.maintainer), { role: 'owner' }), denied(/Only an owner of project acme\/shop/));
      await expectRefusedWithoutChange(knex, () => maintainer.delete(projectMember(CAST.projectOwner)), denied(/Only an owner of project acme\/shop/));
      await expectRefusedWithoutChange(knex, () => maintainer.post('/orgs/acme/projects/shop/teams', { team: 'web', role: 'owner' }), denied(/Only an owner of project acme\/shop/));
      await expectRefusedWithoutChange(knex, () => maintainer.patch('/orgs/acme/projects/shop/teams/web', { role: 'owner' }), denied(/team web/));
      expect((await backend.as(CAST.projectOwner).get('/orgs/acme/projects/shop')).body.myRole).toBe('owner');
    });

    it('a project maintainer still grants, changes and removes roles up to maintainer', async () => {
      const maintainer = backend.as(CAST.maintainer);
      expect((await maintainer.post(projectMembers, { userRef: userRef('helper'), role: 'maintainer' })).status).toBe(201);
      expect((await maintainer.patch(projectMember('helper'), { role: 'viewer' })).status).toBe(200);
      expect((await maintainer.delete(projectMember('helper'))).status).toBe(204);
      expect((await maintainer.patch('/orgs/acme/projects/shop/teams/web', { role: 'maintainer' })).status).toBe(200);
      expect((await maintainer.patch('/orgs/acme/projects/shop/teams/web', { role: 'developer' })).status).toBe(200);
    });

    it('an organisation admin counts as project owner and manages project owners', async () => {
      const admin = backend.as(CAST.orgAdmin);
      expect((await admin.post(projectMembers, { userRef: userRef('second-owner'), role: 'owner' })).status).toBe(201);
      expect((await admin.delete(projectMember('second-owner'))).status).toBe(204);
    });
  });
});
