import { Knex } from 'knex';
import { createBareRepository, BareRepository } from '../gitops/testing/bareRepository';
import { attempt } from '../testing/refusals';
import { startJuanieTestBackend, TestClient } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { shopWithStaging } from '../testing/shopWithStaging';

jest.setTimeout(120_000);

const DEPLOYMENTS = '/orgs/acme/projects/shop/environments/staging/deployments';

/** `{ a: { a: ... { a: 1 } } }`, `levels` objects deep, as JSON text (built without recursion). */
function nestedJson(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

/** A deployment request body whose merge patch is `levels` objects deep. */
const deepPatchBody = (levels: number) => `{"changes":{"patch":${nestedJson(levels)}}}`;

describe('deeply nested request bodies', () => {
  const databases = createJuanieTestDatabases();
  let repo: BareRepository;

  beforeAll(async () => {
    repo = await createBareRepository({
      'apps/shop/staging/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
    });
  });
  afterAll(() => repo.cleanup());

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let carol: TestClient;
    let stop: () => Promise<void>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const backend = await startJuanieTestBackend(knex, {
        juanie: { platformAdmins: [], gitops: { cacheDir: `${repo.url.slice(7)}-cache-deep-${databaseId}` } },
      });
      stop = backend.stop;
      carol = backend.as('carol');
      await shopWithStaging(knex, carol, repo.url, 'apps/shop/staging');
    });
    afterAll(() => stop());

    const send = (path: string, json: string) =>
      carol.call('post', path).set('Content-Type', 'application/json').send(json);

    it.each([
      ['deployment request', DEPLOYMENTS],
      ['deployment preview', `${DEPLOYMENTS}/preview`],
    ])('a 15,000-deep JSON merge patch on the %s answers 400 and stores nothing', async (_route, path) => {
      const result = await attempt(knex, () => send(path, deepPatchBody(15_000)));

      expect(result).toEqual({
        status: 400,
        message: expect.stringMatching(/nest more than 64 levels deep/),
        changedTables: [],
        auditOutcomes: [],
      });
    });

    it('a merge patch deeper than its own limit, in a shallow body, is refused by name', async () => {
      const result = await attempt(knex, () => send(DEPLOYMENTS, deepPatchBody(30)));

      expect(result.status).toBe(400);
      expect(result.message).toMatch(/changes\.patch: must be at most 20 levels deep/);
      expect(result.changedTables).toEqual([]);
    });

    it('a deep body on any other route is a 400 too', async () => {
      const res = await send('/orgs', `{"slug":"deep","title":"Deep","quota":${nestedJson(15_000)}}`);

      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/nest more than 64 levels deep/);
      expect((await carol.get('/orgs/deep')).status).toBe(404);
    });
  });
});
