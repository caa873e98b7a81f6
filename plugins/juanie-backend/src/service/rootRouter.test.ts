import { mockCredentials } from '@backstage/backend-test-utils';
import { CAST } from '../testing/seededOrganization';
import { JuanieTestBackend, startJuanieTestBackend } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(60_000);

describe('health and the caller', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let backend: JuanieTestBackend;

    beforeAll(async () => {
      backend = await startJuanieTestBackend(await databases.init(databaseId));
    });

    it('answers /health without credentials, naming the database', async () => {
      const response = await backend.anonymous.get('/api/juanie/health');

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        status: 'ok',
        version: expect.any(String),
        database: databaseId === 'SQLITE_3' ? 'sqlite' : 'postgres',
      });
    });

    it.each(['/me', '/orgs', '/projects', '/audit'])(
      'refuses GET %s without credentials (401)',
      async path => {
        const response = await backend.anonymous
          .get(`/api/juanie${path}`)
          .set('Authorization', mockCredentials.none.header());

        expect(response.status).toBe(401);
      },
    );

    it('tells the caller who they are and whether they are a platform admin', async () => {
      expect((await backend.as(CAST.viewer).get('/me')).body).toEqual({
        userEntityRef: 'user:default/viewer',
        ownershipEntityRefs: [],
        isPlatformAdmin: false,
      });
      expect((await backend.as(CAST.platformAdmin).get('/me')).body).toMatchObject({
        userEntityRef: 'user:default/admin',
        isPlatformAdmin: true,
      });
    });
  });
});
