import juanieModuleDev from '@juanie/plugin-juanie-backend-module-dev';
import { Knex } from 'knex';
import os from 'node:os';
import path from 'node:path';
import { FluxSimulator } from '@juanie/plugin-juanie-backend-module-dev';
import { KubeApiServer } from '@juanie/plugin-juanie-backend-module-dev';
import { progressingStatus } from '@juanie/plugin-juanie-backend-module-dev';
import { gitopsFiles } from '../deployments/testing/deploymentFixture';
import { BareRepository, createBareRepository } from '../gitops/testing/bareRepository';
import { eventually } from '../testing/eventually';
import { JuanieTestBackend, startJuanieTestBackend, TEST_PLATFORM_ADMIN, TestClient } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { claimLocalRepository } from '../testing/repositoryClaims';

// Each case runs two back-end starts and waits for real time-outs and scheduled tasks: about
// 100 s alone, over 240 s on a loaded CI machine.
jest.setTimeout(480_000);

const FLUX_TIMEOUT_TASK = 'juanie-deployment-flux-timeout';
const EXPIRY_TASK = 'juanie-deployment-expiry';
const SURVIVOR = '/orgs/acme/projects/shop';
const DOOMED = '/orgs/bygone/projects/shop';
const KUSTOMIZATION = { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization' };

/** What is deleted, and the reason the deployments that hung off it end with. */
const SCOPES = [
  { deleted: 'environment', path: `${DOOMED}/environments/dev`, reason: 'EnvironmentDeleted' },
  { deleted: 'project', path: DOOMED, reason: 'ProjectDeleted' },
  { deleted: 'organization', path: '/orgs/bygone', reason: 'OrganizationDeleted' },
];

/**
 * Two tenants on one GitOps repository: acme/shop (staging, followed by Flux; prod, with no
 * Flux object, so its deployments wait until they time out) and bygone/shop (dev, one approval
 * by bob). Work is put in flight in bygone, bygone (or its project, or its environment) is
 * deleted, and the scheduled tasks and the next start must carry on for acme.
 */
describe('deleting an organisation, project or environment with work in flight', () => {
  const databases = createJuanieTestDatabases();
  let repo: BareRepository;
  /** bygone's own GitOps repository: a local repository is connected by the one organisation it was created for. */
  let bygoneRepo: BareRepository;
  let api: KubeApiServer;
  let simulator: FluxSimulator;
  let backend: JuanieTestBackend | undefined;

  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
    await simulator?.stop();
    await api?.stop();
    await repo?.cleanup();
    await bygoneRepo?.cleanup();
  });

  async function startCluster(name: string) {
    api = new KubeApiServer({ bookmarkIntervalMs: 500 });
    const url = await api.start();
    simulator = new FluxSimulator({
      server: api,
      cacheDir: path.join(os.tmpdir(), `juanie-deletion-${name}-${process.pid}-${Date.now()}`),
      intervalMs: 200,
      applyDelayMs: 200,
    });
    await simulator.seedFluxSystem();
    await simulator.start();
    return url;
  }

  /** One start of the portal over the database: `phase` names its git cache. */
  async function start(knex: Knex, phase: string, juanie: Record<string, unknown>) {
    await backend?.stop();
    backend = await startJuanieTestBackend(knex, {
      juanie: {
        platformAdmins: [TEST_PLATFORM_ADMIN],
        jobs: { pollIntervalMs: 100 },
        gitops: { cacheDir: `${repo.url.slice(7)}-cache-${phase}` },
        ...juanie,
      },
    }, { features: [juanieModuleDev] }); // the dev module starts the simulated cluster of the third start
    return backend;
  }

  /** Every organisation may use the namespaces named after it, as the local portal's config says. */
  const TENANTS = [{ organization: '*', namespaces: ['{org}-*'] }];

  async function createTenants(carol: TestClient, knex: Knex) {
    for (const [org, environments] of [
      ['acme', [{ slug: 'staging' }, { slug: 'prod', reconcileTimeout: 'PT10S' }]],
      ['bygone', [{ slug: 'dev', approval: { requiredApprovals: 1, approvers: ['user:default/bob'] } }]],
    ] as const) {
      await carol.post('/orgs', { slug: org, title: org }).expect(201);
      const base = `/orgs/${org}/projects/shop`;
      await carol.post(`/orgs/${org}/projects`, { slug: 'shop', title: 'Shop' }).expect(201);
      const url = (org === 'acme' ? repo : bygoneRepo).url;
      await claimLocalRepository(knex, org, url);
      const { body: repository } = await carol.post(`${base}/repositories`, { url, purpose: 'gitops' }).expect(201);
      for (const { slug, ...env } of environments) {
        const { reconcileTimeout, ...rest } = env as { reconcileTimeout?: string };
        await carol
          .post(`${base}/environments`, {
            slug,
            title: slug,
            kind: 'staging',
            namespace: `${org}-${slug}`,
            approval: { requiredApprovals: 0 },
            ...rest,
            gitops: { repositoryId: repository.id, branch: 'main', path: `apps/shop/${slug}`, reconcileTimeout },
          })
          .expect(201);
      }
      for (const [user, role] of [['alice', 'developer'], ['bob', 'maintainer']]) {
        await carol.post(`${base}/members`, { userRef: `user:default/${user}`, role }).expect(201);
      }
    }
  }

  const deployment = (client: TestClient, id: string) =>
    client.get(`/deployments/${id}`).then(res => res.body);
  const settled = (client: TestClient, id: string, statuses: string[]) =>
    eventually(() => deployment(client, id), d => statuses.includes(d.status), 60_000);
  const gitopsOf = async (client: TestClient, base: string, env: string) =>
    (await client.get(`${base}/gitops`).expect(200)).body.items.find((i: { environment: string }) => i.environment === env);

  /** alice asks for a change; bob approves it when the environment needs him. */
  async function requestDeployment(base: string, env: string, replicas: number, approve: boolean) {
    const { alice, bob } = { alice: backend!.as('alice'), bob: backend!.as('bob') };
    const { body } = await alice.post(`${base}/environments/${env}/deployments`, { changes: { replicas } }).expect(201);
    if (approve) await bob.post(`/deployments/${body.id}/approvals`, { decision: 'approve' }).expect(200);
    return body.id as string;
  }

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    it.each(SCOPES)(
      'deleting the $deleted cancels its deployments, and the tasks and the next start carry on for the others',
      async ({ path: deletedPath, reason }) => {
        repo = await createBareRepository(gitopsFiles(['staging', 'prod', 'dev']));
        bygoneRepo = await createBareRepository(gitopsFiles(['staging', 'prod', 'dev']));
        const url = await startCluster(databaseId);
        const knex = await databases.init(databaseId);
        const cluster = { clusters: [{ name: 'local', url, tenants: TENANTS }] };

        // First start: Flux follows acme staging and bygone dev; bygone dev is then held
        // (suspended), so its two commits stay in flight: one committed, one reconciling.
        let { as } = await start(knex, 'first', cluster);
        const carol = () => backend!.as('carol');
        await createTenants(carol(), knex);
        const names: Record<string, string> = {};
        for (const [base, env] of [[SURVIVOR, 'staging'], [DOOMED, 'dev']]) {
          const { body: applied } = await carol().put(`${base}/environments/${env}/gitops/flux`).expect(200);
          names[env] = applied.items[0].metadata.name;
          await eventually(() => gitopsOf(carol(), base, env), s => s?.workload?.state === 'Ready', 60_000);
        }
        await carol().post(`${DOOMED}/environments/dev/gitops/suspend`).expect(200);
        await eventually(() => gitopsOf(carol(), DOOMED, 'dev'), s => s?.workload?.state === 'Suspended');
        const reconciling = await requestDeployment(DOOMED, 'dev', 3, true);
        const { commitSha } = await settled(carol(), reconciling, ['committed']);
        const committed = await requestDeployment(DOOMED, 'dev', 4, true);
        await settled(carol(), committed, ['committed']);
        // kustomize-controller starts on the first commit (as it writes it at an attempt's start).
        const name = names.dev;
        const held = api.get(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, 'bygone-dev', name)!;
        api.apply({
          ...KUSTOMIZATION,
          metadata: { name, namespace: 'bygone-dev' },
          status: progressingStatus(held as Parameters<typeof progressingStatus>[0], `main@sha1:${commitSha}`),
        } as never);
        await settled(carol(), reconciling, ['reconciling']);
        // acme prod has no Flux object: its deployment waits for Flux until it times out.
        const waiting = await requestDeployment(SURVIVOR, 'prod', 5, false);
        await settled(carol(), waiting, ['committed']);

        // Second start, without the job runner: a queued commit job and a pending request.
        ({ as } = await start(knex, 'second', { ...cluster, jobs: { enabled: false } }));
        const queued = await requestDeployment(DOOMED, 'dev', 5, true);
        const pending = await requestDeployment(DOOMED, 'dev', 6, false);
        const survivor = await requestDeployment(SURVIVOR, 'staging', 7, false);
        expect((await deployment(as('carol'), queued)).status).toBe('queued');
        expect((await deployment(as('carol'), pending)).status).toBe('pending_approval');

        await as('carol').delete(deletedPath).expect(204);

        const doomed = { reconciling, committed, queued, pending };
        const rows = await knex('deployments').whereIn('id', Object.values(doomed)).select('id', 'status', 'status_reason');
        expect(rows).toHaveLength(4);
        for (const row of rows) expect(row).toMatchObject({ status: 'cancelled', status_reason: reason });
        const { body: trail } = await as('admin')
          .get('/audit?org=bygone&action=deployment.cancel&limit=50')
          .expect(200);
        expect(trail.items.map((e: { resourceId: string }) => e.resourceId).sort()).toEqual(Object.values(doomed).sort());
        for (const event of trail.items) {
          expect(event).toMatchObject({ actorRef: 'user:default/carol', outcome: 'success', resourceType: 'deployment' });
        }
        // Juanie leaves the Flux objects it made in the cluster (see createJuanie).
        expect(api.get(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, 'bygone-dev', name)).toBeDefined();

        // The scheduled tasks do not stumble on what was deleted, and still time acme out.
        const timedOut = await eventually(
          async () => {
            await backend!.runTask(FLUX_TIMEOUT_TASK);
            return deployment(as('carol'), waiting);
          },
          d => d.status === 'failed',
          30_000,
        );
        expect(timedOut).toMatchObject({ statusReason: 'Timeout' });
        await backend!.runTask(EXPIRY_TASK);

        // The next start, with the simulated cluster as the local portal has it, over the same
        // database: it starts, commits acme's queued deployment and follows it to succeeded.
        ({ as } = await start(knex, 'third', { clusters: [{ name: 'local', simulated: true, tenants: TENANTS }] }));
        const followed = await settled(as('carol'), survivor, ['succeeded', 'failed']);
        expect(followed).toMatchObject({ status: 'succeeded' });
        await backend!.runTask(FLUX_TIMEOUT_TASK);
        await backend!.runTask(EXPIRY_TASK);

        // bygone's commit job ended without committing anything; its deployment stays cancelled.
        await eventually(
          () => knex('jobs').where({ kind: 'deployment.commit' }).whereIn('status', ['queued', 'running']).count({ n: '*' }),
          ([{ n }]) => Number(n) === 0,
        );
        expect(await bygoneRepo.run('log', '--format=%H', `--grep=Juanie-Deployment-Id: ${queued}`, 'main')).toBe('');
        const after = await knex('deployments').whereIn('id', Object.values(doomed)).select('status');
        expect(after.map(row => row.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);

        // alice, who asked for each of them, hears that they were called off.
        const told = await eventually(
          async () => backend!.notifications.filter(n => n.payload.title.includes('cancelled')),
          found => found.length >= 4,
        );
        expect(told.every(n => n.recipients.type === 'entity' && n.recipients.entityRef.includes('user:default/alice'))).toBe(true);
      },
    );
  });
});
