import { createJuanieTestDatabases } from '../testing/testDatabases';
import { startJuanieTestBackend } from '../testing/testBackend';
import { seedAcmeShop } from '../testing/seededOrganization';

jest.setTimeout(60_000);
describe('probe', () => {
  const databases = createJuanieTestDatabases();
  it.each(databases.eachSupportedId())('probe %p', async id => {
    const knex = await databases.init(id);
    if (id.startsWith('POSTGRES')) {
      const [{ db }] = (await knex.raw('select current_database() as db')).rows;
      await knex.raw(`ALTER DATABASE "${db}" SET synchronous_commit = off`);
      await knex.raw('SET synchronous_commit = off');
    }
    const b = await startJuanieTestBackend(knex);
    await seedAcmeShop(b);
    const time = async (label: string, f: () => Promise<any>) => {
      const t0 = process.hrtime.bigint(); const c0 = process.cpuUsage();
      for (let i = 0; i < 50; i++) await f();
      const c = process.cpuUsage(c0);
      console.log(id, label, Number(process.hrtime.bigint() - t0) / 50e6, 'ms wall;', (c.user + c.system) / 50e3, 'ms cpu');
    };
    await time('GET /me', () => b.as('viewer').get('/me'));
    await time('GET /orgs', () => b.as('viewer').get('/orgs'));
    await time('GET /orgs/acme', () => b.as('viewer').get('/orgs/acme'));
    await time('GET project', () => b.as('viewer').get('/orgs/acme/projects/shop'));
    await time('PATCH project', () => b.as('maintainer').patch('/orgs/acme/projects/shop', { title: 'x' }));
    await time('knex select 1', () => knex.raw('select 1'));
  });
});
