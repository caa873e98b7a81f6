import { createJuanieTestDatabases } from '../testing/testDatabases';
import { startJuanieTestBackend } from '../testing/testBackend';

jest.setTimeout(60_000);

describe('organisations', () => {
  const databases = createJuanieTestDatabases();

  it.each(databases.eachSupportedId())('the creator owns a new organisation (%p)', async id => {
    const knex = await databases.init(id);
    const { as } = await startJuanieTestBackend(knex);

    const created = await as('carol').post('/orgs', { slug: 'acme', title: 'Acme' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'acme', title: 'Acme', myRole: 'owner' });

    const mine = await as('carol').get('/orgs');
    expect(mine.body.items.map((o: { slug: string }) => o.slug)).toEqual(['acme']);
    expect((await as('alice').get('/orgs')).body.items).toEqual([]);
    // Someone else's organisation answers as if it did not exist.
    expect((await as('alice').get('/orgs/acme')).status).toBe(404);
    expect((await as('carol').get('/orgs/acme')).status).toBe(200);
  });
});
