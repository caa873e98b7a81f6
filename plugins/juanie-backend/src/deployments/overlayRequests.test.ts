import { createBareRepository, BareRepository } from '../gitops/testing/bareRepository';
import { startJuanieTestBackend, TestClient } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { shopWithStaging } from '../testing/shopWithStaging';
import { helmOverlayRepository, VALUES_PATCH } from '../gitops/testing/podinfoOverlay';

jest.setTimeout(120_000);

/**
 * Issue #13 through the API: a deployment to the most common HelmRelease layout (a base release
 * and an overlay values patch, as in fluxcd/flux2-kustomize-helm-example) is previewed and
 * requested, and values a chart may not read are refused with what to name.
 */

const FILES = helmOverlayRepository(VALUES_PATCH);

const ENV = '/orgs/acme/projects/shop/environments/staging';

describe('deployments to a HelmRelease overlay', () => {
  const databases = createJuanieTestDatabases();
  let repo: BareRepository;

  // Each run commits its request: every database gets its own repository.
  beforeEach(async () => {
    repo = await createBareRepository(FILES);
  });
  afterEach(() => repo.cleanup());

  async function projectWithStaging(id: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(id);
    const { as } = await startJuanieTestBackend(knex, {
      juanie: { platformAdmins: [], gitops: { cacheDir: `${repo.url.slice(7)}-cache-${id}` } },
    });
    const carol: TestClient = as('carol');
    await shopWithStaging(knex, carol, repo.url, 'apps/staging');
    return carol;
  }

  it.each(databases.eachSupportedId())(
    'previews and requests a replicas change in the values patch, saying which value it wrote (%p)',
    async id => {
      const carol = await projectWithStaging(id);

      const preview = await carol.post(`${ENV}/deployments/preview`, { changes: { replicas: 3 } });
      expect(preview.status).toBe(200);
      expect(preview.body.validation).toEqual({ valid: true, errors: [] });
      expect(preview.body.files).toEqual({
        'podinfo-values.yaml': VALUES_PATCH.replace('replicaCount: 2 ', 'replicaCount: 3 '),
      });
      expect(preview.body.notes).toEqual([
        'replicas: wrote spec.values.replicaCount, the values key the release already sets',
      ]);

      const request = await carol.post(`${ENV}/deployments`, { changes: { replicas: 3 } });
      expect(request.status).toBe(201);

      // A value the release does not set: refused with what to name, nothing requested.
      const digest = await carol.post(`${ENV}/deployments`, {
        changes: { image: { digest: `sha256:${'a'.repeat(64)}` } },
      });
      expect(digest.status).toBe(400);
      expect(digest.body.error.message).toMatch(/has no spec.values.image; name the chart's image value with valuesPaths.image/);
      const { body: list } = await carol.get('/orgs/acme/projects/shop/deployments').expect(200);
      expect(list.items).toHaveLength(1);

      // A hostile key is a 400 before anything is edited.
      const hostile = await carol.post(`${ENV}/deployments/preview`, {
        changes: { patch: JSON.parse('{"spec": {"__proto__": {"polluted": "yes"}}}') },
      });
      expect(hostile.status).toBe(400);
      expect(hostile.body.error.message).toMatch(/__proto__/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});
