import { Knex } from 'knex';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { DeploymentFixture, startDeploymentFixture } from './testing/deploymentFixture';

jest.setTimeout(120_000);

const FLUX_TIMEOUT_TASK = 'juanie-deployment-flux-timeout';

/**
 * Databases of earlier versions hold deletions that left deployments in flight (the deletion did
 * not close them). The scheduled time-out task closes them, and nothing else trips on them.
 */
describe('deployments left in flight in deleted places by an earlier version', () => {
  const databases = createJuanieTestDatabases();
  let fixture: DeploymentFixture | undefined;

  afterEach(async () => {
    await fixture?.backend.stop();
    await fixture?.repo.cleanup();
    fixture = undefined;
  });

  /** Soft-deletes as the earlier version did: the row only, nothing that hangs off it. */
  const deleteAsBefore = (knex: Knex, table: string, slug: string) =>
    knex(table).where({ slug }).update({ deleted_at: new Date() });

  it.each(databases.eachSupportedId())(
    'are closed by the time-out task, and the approvals inbox still answers (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      fixture = await startDeploymentFixture(knex, {
        environments: ['staging', 'dev'],
        cacheName: `left-${databaseId}-${Date.now()}`,
        juanie: { jobs: { enabled: false } },
      });
      const { alice, bob, backend } = fixture;
      const request = async (env: string) =>
        (await alice.post(`/orgs/acme/projects/shop/environments/${env}/deployments`, { changes: { replicas: 3 } }).expect(201)).body.id;
      const pending = await request('staging');
      const queued = await request('dev');
      await deleteAsBefore(knex, 'environments', 'dev');
      await deleteAsBefore(knex, 'organizations', 'acme');

      // bob's inbox read every pending request's organisation, and failed on the deleted one.
      expect((await bob.get('/approvals').expect(200)).body.items).toEqual([]);

      await backend.runTask(FLUX_TIMEOUT_TASK);

      const statusOf = (id: string) => knex('deployments').where({ id }).first('status', 'status_reason');
      expect(await statusOf(pending)).toEqual({ status: 'cancelled', status_reason: 'OrganizationDeleted' });
      // Its environment and its organisation are deleted: the widest deletion names the reason.
      expect(await statusOf(queued)).toEqual({ status: 'cancelled', status_reason: 'OrganizationDeleted' });
      const events = await knex('audit_events').where({ action: 'deployment.cancel' }).select('resource_id', 'actor_ref', 'outcome');
      expect(events.map(e => e.resource_id).sort()).toEqual([pending, queued].sort());
      expect(events.every(e => e.actor_ref === 'plugin:juanie/scheduler' && e.outcome === 'success')).toBe(true);
      const timeline = await knex('deployment_events').where({ deployment_id: pending, status: 'cancelled' }).select('message');
      expect(timeline).toEqual([{ message: 'Cancelled: its organisation was deleted; the request is called off' }]);

      // Nothing is left to close: the next run changes nothing.
      await backend.runTask(FLUX_TIMEOUT_TASK);
      expect(Number((await knex('audit_events').where({ action: 'deployment.cancel' }).count({ n: '*' }))[0].n)).toBe(2);
    },
  );
});
