import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { GitClone } from '@juanie/plugin-juanie-node';
import { Knex } from 'knex';
import { JobHandler, JobRunner } from '../../jobs/JobRunner';
import { createJuanie } from '../../service/createJuanie';
import { TEST_REPOSITORIES } from '../../testing/testBackend';
import { COMMIT_JOB } from '../DeploymentCommitJob';

/**
 * Another replica on the same database, with its own GitOps cache, whose commit job a test
 * runs by hand on a job it claimed: it can then abandon the job (neither complete nor fail it)
 * as a killed process would. The handler is the one createJuanie registers, taken as it
 * registers it; nothing in the plugin exists for tests.
 */
export function commitReplica(knex: Knex, cacheDir: string): JobHandler {
  const handlers = new Map<string, JobHandler>();
  const register = JobRunner.prototype.register;
  const spy = jest.spyOn(JobRunner.prototype, 'register').mockImplementation(function record(
    this: JobRunner,
    kind: string,
    handler: JobHandler,
  ) {
    handlers.set(kind, handler);
    register.call(this, kind, handler);
  });
  try {
    createJuanie({
      db: knex,
      config: new ConfigReader({ juanie: { gitops: { cacheDir }, repositories: TEST_REPOSITORIES } }),
      logger: mockServices.rootLogger({ level: 'none' }),
      httpAuth: mockServices.httpAuth.mock(),
      userInfo: mockServices.userInfo.mock(),
      permissions: mockServices.permissions.mock(),
      // The commit job checks no permissions; the access layer only needs rulesets to exist.
      permissionsRegistry: mockServices.permissionsRegistry.mock({
        getPermissionRuleset: (() => ({ getRuleByName: () => undefined })) as never,
      }),
      auditor: mockServices.auditor.mock({
        createEvent: async () => ({ success: async () => {}, fail: async () => {} }),
      }),
      version: 'test',
    });
  } finally {
    spy.mockRestore();
  }
  const handler = handlers.get(COMMIT_JOB);
  if (!handler) throw new Error(`createJuanie registered no ${COMMIT_JOB} handler`);
  return handler;
}

/**
 * Runs `around` in place of the next push of a GitOps working copy (in any replica of this
 * process); `push` is the real one. Crash tests throw before or after it, as a process killed
 * at that moment would stop.
 */
export function interceptNextPush(around: (push: () => Promise<boolean>) => Promise<boolean>) {
  const push = GitClone.prototype.push;
  return jest.spyOn(GitClone.prototype, 'push').mockImplementationOnce(function intercepted(
    this: GitClone,
    branch: string,
  ) {
    return around(() => push.call(this, branch));
  });
}
