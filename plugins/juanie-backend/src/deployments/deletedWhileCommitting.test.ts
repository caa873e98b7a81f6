import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { JobQueue } from '../jobs/JobQueue';
import { createJuanie } from '../service/createJuanie';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { COMMIT_JOB } from './DeploymentCommitJob';
import { DeploymentFixture, startDeploymentFixture } from './testing/deploymentFixture';
import { TEST_REPOSITORIES } from '../testing/testBackend';

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
      const replica = createJuanie({
        db: knex,
        config: new ConfigReader({ juanie: { gitops: { cacheDir: `${repo.url.slice(7)}-replica-${id}` }, repositories: TEST_REPOSITORIES } }),
        logger: mockServices.rootLogger({ level: 'none' }),
        httpAuth: mockServices.httpAuth.mock(),
        userInfo: mockServices.userInfo.mock(),
        permissions: mockServices.permissions.mock(),
        permissionsRegistry: mockServices.permissionsRegistry.mock({
          getPermissionRuleset: (() => ({ getRuleByName: () => undefined })) as never,
        }),
        auditor: mockServices.auditor.mock({
          createEvent: async () => ({ success: async () => {}, fail: async () => {} }),
        }),
        version: 'test',
        faults: {
          beforePush: async () => {
            await carol.delete('/orgs/acme/projects/shop/environments/dev').expect(204);
          },
        },
      });
      const job = await new JobQueue(knex).claim('replica', 60_000, [COMMIT_JOB]);
      await expect(replica.jobRunner.handler(COMMIT_JOB)!.run(job!)).resolves.toBeUndefined();

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
