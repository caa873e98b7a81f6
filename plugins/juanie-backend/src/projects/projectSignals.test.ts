import os from 'node:os';
import path from 'node:path';
import { GITOPS_SIGNAL_CHANNEL } from '@juanie/plugin-juanie-common';
import { FluxSimulator } from '@juanie/plugin-juanie-backend-module-dev';
import { KubeApiServer } from '@juanie/plugin-juanie-backend-module-dev';
import { DEPLOYMENT_SIGNAL_CHANNEL } from '../deployments/DeploymentNotifier';
import { DeploymentFixture, startDeploymentFixture } from '../deployments/testing/deploymentFixture';
import { eventually } from '../testing/eventually';
import { TEST_PLATFORM_ADMIN } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(180_000);

const STAGING = '/orgs/acme/projects/shop/environments/staging';

describe('signals reach only those who may read the project', () => {
  const databases = createJuanieTestDatabases();
  let api: KubeApiServer | undefined;
  let simulator: FluxSimulator | undefined;
  let fixture: DeploymentFixture | undefined;

  afterEach(async () => {
    await fixture?.backend.stop();
    await simulator?.stop();
    await api?.stop();
    await fixture?.repo.cleanup();
    fixture = api = simulator = undefined;
  });

  it.each(databases.eachSupportedId())(
    'attack: deployment and GitOps signals are broadcast to every signed-in user — refused, a user of another organisation is never a recipient (%p)',
    async id => {
      api = new KubeApiServer({ bookmarkIntervalMs: 500 });
      const url = await api.start();
      simulator = new FluxSimulator({
        server: api,
        cacheDir: path.join(os.tmpdir(), `juanie-signals-sim-${process.pid}-${id}-${Date.now()}`),
        intervalMs: 200,
        applyDelayMs: 200,
      });
      await simulator.seedFluxSystem();
      await simulator.start();
      fixture = await startDeploymentFixture(await databases.init(id), {
        cacheName: `signals-${id}-${Date.now()}`,
        juanie: { clusters: [{ name: 'test', url, tenants: [{ organization: 'acme', namespaces: ['shop-*'] }] }], platformAdmins: [TEST_PLATFORM_ADMIN] },
      });
      const { carol, alice, bob, backend, as } = fixture;
      // Mallory owns an organisation of her own, and is signed in like everyone else.
      const mallory = as('mallory');
      await mallory.post('/orgs', { slug: 'evil', title: 'Evil' }).expect(201);

      await carol.put(`${STAGING}/gitops/flux`).expect(200);
      const { body: requested } = await alice
        .post(`${STAGING}/deployments`, { changes: { image: { tag: '1.3.0' } } })
        .expect(201);
      await bob.post(`/deployments/${requested.id}/approvals`, { decision: 'approve' }).expect(200);
      await eventually(
        async () => backend.signals.map(signal => signal.channel),
        channels => channels.includes(GITOPS_SIGNAL_CHANNEL) && channels.includes(DEPLOYMENT_SIGNAL_CHANNEL),
        60_000,
      );

      const readers = [
        'user:default/carol', // organisation owner
        'user:default/alice',
        'user:default/bob',
        'user:default/dave', // viewer
        TEST_PLATFORM_ADMIN,
      ];
      for (const signal of backend.signals) {
        expect(signal.recipients.type).toBe('user');
        const recipients = signal.recipients.type === 'user' ? [signal.recipients.entityRef].flat() : [];
        expect(recipients).not.toContain('user:default/mallory');
        expect([...recipients].sort()).toEqual([...readers].sort());
      }
    },
  );
});
