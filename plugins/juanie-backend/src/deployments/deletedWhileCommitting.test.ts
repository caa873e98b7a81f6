import { JobQueue } from '../jobs/JobQueue';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { COMMIT_JOB } from './DeploymentCommitJob';
import { commitReplica, interceptNextPush } from './testing/commitReplica';
import { DeploymentFixture, startDeploymentFixture } from './testing/deploymentFixture';

jest.setTimeout(120_000);

describe('an environment deleted while its deployment is being committed', () => {
  const databases = createJuanieTestDatabases();
  let fixture: DeploymentFixture | undefined;

  afterEach(async () => {
    await fixture?.backend.stop();
    await fixture?.repo.cleanup();
    fixture = undefined;
  });

  it.each(databases.eachSupportedId())(
    'the deletion closes it; the commit job pushes, finds it closed and ends without an error (%p)',
    async id => {
      const knex = await databases.init(id);
      fixture = await startDeploymentFixture(knex, {
        environments: ['dev'],
        cacheName: `deleted-while-committing-${id}`,
        juanie: { jobs: { enabled: false } },
      });
      const { alice, carol, repo } = fixture;
      const { body } = await alice
        .post('/orgs/acme/projects/shop/environments/dev/deployments', { changes: { replicas: 5 } })
        .expect(201);

      // A replica runs the commit job; carol deletes the environment between its commit and push.
      const commitJob = commitReplica(knex, `${repo.url.slice(7)}-replica-${id}`);
      let deletedBeforePush = false;
      const intercepted = interceptNextPush(async push => {
        await carol.delete('/orgs/acme/projects/shop/environments/dev').expect(204);
        deletedBeforePush = true;
        return push();
      });
      const job = await new JobQueue(knex).claim('replica', 60_000, [COMMIT_JOB]);
      try {
        await expect(commitJob.run(job!)).resolves.toBeUndefined();
      } finally {
        intercepted.mockRestore();
      }
      expect(deletedBeforePush).toBe(true);

      const pushed = await repo.run('log', '--format=%H', `--grep=Juanie-Deployment-Id: ${body.id}`, 'main');
      expect(pushed.trim()).toMatch(/^[0-9a-f]{40}$/);
      const deployment = await knex('deployments').where({ id: body.id }).first('status', 'status_reason', 'status_message');
      expect(deployment).toMatchObject({ status: 'cancelled', status_reason: 'EnvironmentDeleted' });
      expect(deployment.status_message).toMatch(/environment acme\/shop\/dev was deleted by user:default\/carol; Juanie no longer follows/);
      const audited = await knex('audit_events').where({ action: 'deployment.cancel', resource_id: body.id }).select('actor_ref');
      expect(audited).toEqual([{ actor_ref: 'user:default/carol' }]);
    },
  );
});
