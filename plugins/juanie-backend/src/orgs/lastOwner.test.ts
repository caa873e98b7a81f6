import { Knex } from 'knex';
import { attempt, conflict, denied, refusedWithoutChange } from '../testing/refusals';
import { CAST, expectSuccess, seedOrganization, userRef } from '../testing/seededOrganization';
import { JuanieTestBackend, startJuanieTestBackend } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(60_000);

const member = (org: string, name: string) =>
  `/orgs/${org}/members/${encodeURIComponent(userRef(name))}`;

describe('the last owner of an organisation', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let backend: JuanieTestBackend;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startJuanieTestBackend(knex);
      await seedOrganization(backend, 'acme');
    });

    it('cannot leave (409)', async () => {
      const result = await attempt(
        knex,
        () => backend.as(CAST.orgOwner).delete(member('acme', CAST.orgOwner)),
      );

      expect(result).toEqual(
        refusedWithoutChange(
          conflict(/user:default\/org-owner is the last owner of acme; make someone else owner first/),
        ),
      );
    });

    it('cannot be demoted (409)', async () => {
      const result = await attempt(
        knex,
        () => backend.as(CAST.orgOwner).patch(member('acme', CAST.orgOwner), { role: 'member' }),
      );

      expect(result).toEqual(refusedWithoutChange(conflict(/is the last owner of acme/)));
    });

    it('cannot be removed by an admin either (403: only owners manage owners)', async () => {
      const result = await attempt(
        knex,
        () => backend.as(CAST.orgAdmin).delete(member('acme', CAST.orgOwner)),
      );

      expect(result).toEqual(refusedWithoutChange(denied(/Only an owner of organisation acme/)));
    });

    it('may step down and leave once someone else is owner, who then is the last', async () => {
      await seedOrganization(backend, 'handover');
      const owner = backend.as(CAST.orgOwner);
      expectSuccess(await owner.patch(member('handover', CAST.orgAdmin), { role: 'owner' }), 'promote');

      expect((await owner.patch(member('handover', CAST.orgOwner), { role: 'admin' })).status).toBe(200);
      expect((await owner.delete(member('handover', CAST.orgOwner))).status).toBe(204);

      const successor = backend.as(CAST.orgAdmin);
      expect((await successor.get('/orgs/handover')).body.myRole).toBe('owner');
      expect((await successor.delete(member('handover', CAST.orgAdmin))).status).toBe(409);
    });
  });
});
