import { Knex } from 'knex';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isolatedGit } from '../gitops/testing/bareRepository';
import { JobQueue } from '../jobs/JobQueue';
import { startJuanieTestBackend } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { COMMIT_JOB } from './DeploymentCommitJob';
import { commitReplica, interceptNextPush } from './testing/commitReplica';
import { DeploymentFixture, startDeploymentFixture } from './testing/deploymentFixture';

jest.setTimeout(120_000);

class SimulatedCrash extends Error {}

/**
 * A replica that dies in the middle of a commit job: it claims the job with a short lease,
 * runs it until the crash at its push, and then neither completes nor fails it, as a killed
 * process would.
 */
async function crashingReplica(
  knex: Knex,
  cacheDir: string,
  crash: (push: () => Promise<boolean>) => Promise<boolean>,
) {
  const commitJob = commitReplica(knex, cacheDir);
  const job = await new JobQueue(knex).claim('replica-that-dies', 1_000, [COMMIT_JOB]);
  expect(job?.kind).toBe(COMMIT_JOB);
  let crashed = false;
  const intercepted = interceptNextPush(push => {
    crashed = true;
    return crash(push);
  });
  try {
    await expect(commitJob.run(job!)).rejects.toBeInstanceOf(SimulatedCrash);
  } finally {
    intercepted.mockRestore();
  }
  expect(crashed).toBe(true);
}

/** Commits on main of the bare repository that carry the deployment's id. */
async function commitsOf(fixture: DeploymentFixture, deploymentId: string): Promise<string[]> {
  const log = await fixture.repo.run('log', '--format=%H', `--grep=Juanie-Deployment-Id: ${deploymentId}`, 'main');
  return log.split('\n').filter(Boolean);
}

describe('a replica killed while committing', () => {
  const databases = createJuanieTestDatabases();
  let fixture: DeploymentFixture | undefined;
  let restarted: Awaited<ReturnType<typeof startJuanieTestBackend>> | undefined;

  afterEach(async () => {
    await restarted?.stop();
    await fixture?.backend.stop();
    await fixture?.repo.cleanup();
    fixture = undefined;
    restarted = undefined;
  });

  /** An approved deployment whose commit job waits in the queue (no replica runs jobs yet). */
  async function approvedDeployment(knex: Knex, name: string) {
    fixture = await startDeploymentFixture(knex, { cacheName: name, juanie: { jobs: { enabled: false } } });
    const { body } = await fixture.alice
      .post('/orgs/acme/projects/shop/environments/staging/deployments', { changes: { replicas: 5 } })
      .expect(201);
    await fixture.bob.post(`/deployments/${body.id}/approvals`, { decision: 'approve' }).expect(200);
    return body.id as string;
  }

  /** Another replica starts on the same database and runs jobs; the expired lease frees the job. */
  async function restart(knex: Knex, name: string) {
    restarted = await startJuanieTestBackend(knex, {
      juanie: { platformAdmins: [], jobs: { pollIntervalMs: 100 }, gitops: { cacheDir: `${fixture!.repo.url.slice(7)}-${name}` } },
    });
  }

  it.each(databases.eachSupportedId())(
    'between commit and push: the next replica commits it once (%p)',
    async id => {
      const knex = await databases.init(id);
      const deploymentId = await approvedDeployment(knex, `before-push-${id}`);
      const deadCache = `${fixture!.repo.url.slice(7)}-dead-${id}`;

      await crashingReplica(knex, deadCache, async () => {
        throw new SimulatedCrash('killed after commit, before push');
      });
      // The dead replica made its commit locally; the remote never saw it.
      const [clone] = await fs.readdir(deadCache);
      const local = await isolatedGit(path.join(deadCache, clone)).raw(['log', '-1', '--format=%B', 'HEAD']);
      expect(local).toContain(`Juanie-Deployment-Id: ${deploymentId}`);
      expect(await commitsOf(fixture!, deploymentId)).toEqual([]);
      expect((await fixture!.carol.get(`/deployments/${deploymentId}`)).body.status).toBe('committing');

      await restart(knex, `after-before-push-${id}`);
      const committed = await fixture!.settled(deploymentId, ['committed', 'failed']);
      expect(committed.status).toBe('committed');
      expect(await commitsOf(fixture!, deploymentId)).toEqual([committed.commitSha]);
    },
  );

  it.each(databases.eachSupportedId())(
    'between push and database update: the next replica finds its commit and records it (%p)',
    async id => {
      const knex = await databases.init(id);
      const deploymentId = await approvedDeployment(knex, `after-push-${id}`);

      await crashingReplica(knex, `${fixture!.repo.url.slice(7)}-dead-${id}`, async push => {
        expect(await push()).toBe(true);
        throw new SimulatedCrash('killed after push, before the database update');
      });
      const pushed = await commitsOf(fixture!, deploymentId);
      expect(pushed).toHaveLength(1);
      expect((await fixture!.carol.get(`/deployments/${deploymentId}`)).body).toMatchObject({
        status: 'committing',
        commitSha: null,
      });

      await restart(knex, `after-after-push-${id}`);
      const committed = await fixture!.settled(deploymentId, ['committed', 'failed']);
      expect(committed).toMatchObject({ status: 'committed', commitSha: pushed[0] });
      expect(await commitsOf(fixture!, deploymentId)).toEqual(pushed);
      expect(committed.timeline.at(-1).message).toMatch(/found after a restart/);
    },
  );
});
