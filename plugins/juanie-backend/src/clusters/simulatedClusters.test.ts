import juanieModuleDev from '@juanie/plugin-juanie-backend-module-dev';
import os from 'node:os';
import path from 'node:path';
import { eventually } from '../testing/eventually';
import { JuanieTestBackend, startJuanieTestBackend, TEST_PLATFORM_ADMIN } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(120_000);

/** A cluster configured as the local portal's is: simulated, no url. */
const juanieWithSimulatedCluster = (cacheName: string) => ({
  juanie: {
    platformAdmins: [TEST_PLATFORM_ADMIN],
    clusters: [{ name: 'local', simulated: true, tenants: [{ organization: '*', namespaces: ['{org}-*'] }] }],
    gitops: { cacheDir: path.join(os.tmpdir(), `juanie-simulated-${cacheName}-${process.pid}-${Date.now()}`) },
  },
});

describe('clusters configured simulated: true', () => {
  const databases = createJuanieTestDatabases();
  let backend: JuanieTestBackend | undefined;
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  it.each(databases.eachSupportedId())('stop Juanie at start, naming the dev module, without it (%p)', async id => {
    const knex = await databases.init(id);
    await expect(startJuanieTestBackend(knex, juanieWithSimulatedCluster(`none-${id}`))).rejects.toThrow(
      /local is configured simulated: true, but no backend module provides simulated clusters\. Add @juanie\/plugin-juanie-backend-module-dev/,
    );
  });

  it.each(databases.eachSupportedId())(
    'are started by the dev module, and the portal says they are simulated (%p)',
    async id => {
      const knex = await databases.init(id);
      backend = await startJuanieTestBackend(knex, juanieWithSimulatedCluster(`dev-${id}`), {
        features: [juanieModuleDev],
      });
      const admin = backend.as('admin');
      const { body } = await eventually(
        () => admin.get('/clusters').expect(200),
        res => res.body.items[0]?.reachable === true,
      );
      expect(body.items).toEqual([
        expect.objectContaining({ name: 'local', simulated: true, reachable: true, error: null }),
      ]);
    },
  );
});
