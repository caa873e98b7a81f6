import { committedLines } from '../gitops/testing/bareRepository';
import { eventually } from '../testing/eventually';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { DeploymentFixture, startDeploymentFixture } from './testing/deploymentFixture';

jest.setTimeout(300_000);

const ENVIRONMENTS = Array.from({ length: 50 }, (_, i) => `env-${String(i).padStart(2, '0')}`);

describe('deployments committed concurrently to one GitOps repository', () => {
  const databases = createJuanieTestDatabases();
  let fixture: DeploymentFixture | undefined;

  afterEach(async () => {
    await fixture?.backend.stop();
    await fixture?.repo.cleanup();
    fixture = undefined;
  });

  it.each(databases.eachSupportedId())(
    '50 approved deployments to 50 environments: each committed once, with only its own change (%p)',
    async id => {
      fixture = await startDeploymentFixture(await databases.init(id), {
        cacheName: `concurrent-${id}`,
        environments: ENVIRONMENTS,
        juanie: { jobs: { pollIntervalMs: 50, concurrency: 8 } },
      });
      const { alice, carol, repo } = fixture;
      const before = Number(await repo.run('rev-list', '--count', 'main'));

      // Every request at once; no approvals needed, so each is queued for commit straight away.
      const requests = await Promise.all(
        ENVIRONMENTS.map((env, i) =>
          alice
            .post(`/orgs/acme/projects/shop/environments/${env}/deployments`, {
              changes: { image: { tag: `2.0.${i}` } },
            })
            .expect(201),
        ),
      );
      const ids = requests.map(res => res.body.id as string);

      const settled = await eventually(
        async () => Promise.all(ids.map(async d => (await carol.get(`/deployments/${d}`).expect(200)).body)),
        all => all.every(d => ['committed', 'failed'].includes(d.status)),
        240_000,
      );
      expect(settled.filter(d => d.status !== 'committed')).toEqual([]);

      expect(Number(await repo.run('rev-list', '--count', 'main'))).toBe(before + 50);
      const shas = new Set(settled.map(d => d.commitSha));
      expect(shas.size).toBe(50);
      for (const [i, deployment] of settled.entries()) {
        expect(await committedLines(repo, deployment.commitSha)).toEqual({
          [`apps/shop/${ENVIRONMENTS[i]}/deployment.yaml`]: [
            '-          image: ghcr.io/acme/shop:1.2.3',
            `+          image: ghcr.io/acme/shop:2.0.${i}`,
          ],
        });
        const trailer = await repo.run('log', '-1', '--format=%(trailers:key=Juanie-Deployment-Id,valueonly)', deployment.commitSha);
        expect(trailer.trim()).toBe(deployment.id);
      }
    },
  );
});
