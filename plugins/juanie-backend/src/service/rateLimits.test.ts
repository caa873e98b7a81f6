import { Response } from 'supertest';
import { expectSuccess } from '../testing/seededOrganization';
import { JuanieTestBackend, startJuanieTestBackend, TestClient } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(120_000);

/** Fires `count` requests at once, as a script would in one second. */
const burst = (count: number, send: () => PromiseLike<Response>) =>
  Promise.all(Array.from({ length: count }, () => send()));

const statuses = (responses: Response[]) => {
  const counts: Record<number, number> = {};
  for (const { status } of responses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
};

describe('rate limits per user', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let backend: JuanieTestBackend;
    let mallory: TestClient;
    let erin: TestClient;

    beforeAll(async () => {
      // The default limits, as a deployed portal has them.
      backend = await startJuanieTestBackend(await databases.init(databaseId), {
        juanie: { platformAdmins: [], rateLimit: {} },
      });
      mallory = backend.as('mallory');
      erin = backend.as('erin');
      expectSuccess(await mallory.post('/orgs', { slug: 'flood', title: 'Flood' }), 'create flood');
      expectSuccess(await erin.post('/orgs', { slug: 'calm', title: 'Calm' }), 'create calm');
    });
    afterAll(() => backend.stop());

    it('300 requests in one second from one user: the expensive ones over the limit are 429s with Retry-After; another user is unaffected', async () => {
      const responses = await burst(300, () => mallory.get('/audit/export?format=ndjson&org=flood'));

      expect(statuses(responses)).toEqual({ 200: 60, 429: 240 });
      const refused = responses.find(res => res.status === 429)!;
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(refused.body.error.message).toMatch(/Too many expensive requests/);

      expect((await erin.get('/audit/export?format=ndjson&org=calm')).status).toBe(200);
      // Mallory's other, cheaper requests still have their own, larger allowance.
      expect((await mallory.get('/orgs/flood')).status).toBe(200);
    });

    it('300 requests in one second from one user on ordinary routes are limited too, per user', async () => {
      const limited = await startJuanieTestBackend(await databases.init(databaseId), {
        juanie: { platformAdmins: [], rateLimit: { perUser: 100 } },
      });
      try {
        const responses = await burst(300, () => limited.as('mallory').get('/me'));

        expect(statuses(responses)).toEqual({ 200: 100, 429: 200 });
        expect(responses.find(res => res.status === 429)!.headers['retry-after']).toMatch(/^\d+$/);
        expect((await limited.as('erin').get('/me')).status).toBe(200);
      } finally {
        await limited.stop();
      }
    });
  });
});
