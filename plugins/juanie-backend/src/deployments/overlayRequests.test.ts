import { createBareRepository, BareRepository } from '../gitops/testing/bareRepository';
import { startJuanieTestBackend, TestClient } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { claimed } from '../testing/repositoryClaims';

jest.setTimeout(120_000);

/**
 * Issue #13 through the API: a deployment to the most common HelmRelease layout (a base release
 * and an overlay values patch, as in fluxcd/flux2-kustomize-helm-example) is previewed and
 * requested, and values a chart may not read are refused with what to name.
 */

const RELEASE = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: podinfo
  namespace: podinfo
spec:
  chart:
    spec:
      chart: podinfo
      sourceRef:
        kind: HelmRepository
        name: podinfo
  interval: 50m
  values:
    ingress:
      enabled: true
`;

const VALUES_PATCH = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: podinfo
  namespace: podinfo
spec:
  values:
    replicaCount: 2   # two for staging
`;

const FILES = {
  'apps/base/podinfo/kustomization.yaml': 'resources:\n  - release.yaml\n',
  'apps/base/podinfo/release.yaml': RELEASE,
  'apps/staging/kustomization.yaml': `resources:
  - ../base/podinfo
patches:
  - path: podinfo-values.yaml
    target:
      kind: HelmRelease
`,
  'apps/staging/podinfo-values.yaml': VALUES_PATCH,
};

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
    await carol.post('/orgs', { slug: 'acme', title: 'Acme' }).expect(201);
    await carol.post('/orgs/acme/projects', { slug: 'shop', title: 'Shop' }).expect(201);
    const { body: gitops } = await carol
      .post('/orgs/acme/projects/shop/repositories', { url: await claimed(knex, repo.url), purpose: 'gitops' })
      .expect(201);
    await carol
      .post('/orgs/acme/projects/shop/environments', {
        slug: 'staging',
        title: 'Staging',
        kind: 'staging',
        gitops: { repositoryId: gitops.id, branch: 'main', path: 'apps/staging' },
      })
      .expect(201);
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
