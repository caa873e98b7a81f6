import { pathToFileURL } from 'node:url';
// The databases Juanie's own tests run on, chosen the same way (JUANIE_TEST_DATABASES; in CI
// PostgreSQL is required, never skipped). A test file, not published.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports, @backstage/no-forbidden-package-imports
import { createJuanieTestDatabases } from '@juanie/plugin-juanie-backend/src/testing/testDatabases';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BareRepository,
  createBareRepository,
  temporaryDirectory,
} from './__testUtils__/bareRepository';
import {
  failureOf,
  startScaffolderTestBackend,
} from './__testUtils__/scaffolderTestBackend';

jest.setTimeout(300_000);

const TEMPLATE = 'template:default/juanie-project';

// SQLite, and PostgreSQL where the machine has it (in CI, always): as Juanie's own tests.
const databases = createJuanieTestDatabases();

/** Juanie failing one call, as a database or network outage would: 503 with a message. */
const outage = () =>
  HttpResponse.json(
    { error: { name: 'ServiceUnavailableError', message: 'injected outage' } },
    { status: 503 },
  );

/** A handler that fails the first matching call whose JSON body passes `when`, then lets all through. */
function failOnce(
  method: 'post' | 'patch',
  urlPath: string,
  when: (body: any) => boolean = () => true,
) {
  let failed = false;
  return http[method](`*/api/juanie${urlPath}`, async ({ request }) => {
    if (failed || !when(await request.clone().json())) return passthrough();
    failed = true;
    return outage();
  });
}

/** A pre-receive hook: `all` refuses every push, `updates` only pushes to a branch that exists. */
async function refusePushes(repo: BareRepository, which: 'all' | 'updates') {
  const hook = path.join(repo.dir, 'hooks', 'pre-receive');
  const script =
    which === 'all'
      ? 'echo "injected: pushes refused" >&2; exit 1'
      : 'while read old new ref; do case "$old" in *[!0]*) echo "injected: updates refused" >&2; exit 1;; esac; done';
  await fs.promises.writeFile(hook, `#!/bin/sh\n${script}\n`);
  await fs.promises.chmod(hook, 0o755);
}

const allowPushes = (repo: BareRepository) =>
  fs.promises.rm(path.join(repo.dir, 'hooks', 'pre-receive'), { force: true });

/**
 * The juanie-project template run through the scaffolder's API with a failure injected at
 * each of its steps: the run fails at that step, and running the template again with the
 * same values completes the same project and repository (every step is idempotent, see the
 * module's README), with nothing twice.
 */
describe.each(databases.eachSupportedId())(
  'template:default/juanie-project after a failure, on %s',
  databaseId => {
    const msw = setupServer();
    let backend: Awaited<ReturnType<typeof startScaffolderTestBackend>>;
    let dataDir: string;
    let juanieDb: Awaited<ReturnType<typeof databases.init>>;
    const repositories: BareRepository[] = [];

    beforeAll(async () => {
      msw.listen({ onUnhandledRequest: 'bypass' });
      dataDir = await temporaryDirectory('data');
      backend = await startScaffolderTestBackend({
        dataDir,
        // The bare repositories of the tests are made in the temporary directory.
        localRepositoryRoots: [os.tmpdir()],
        databases: {
          scaffolder: await databases.init(databaseId),
          juanie: (juanieDb = await databases.init(databaseId)),
        },
      });
    });
    afterEach(() => msw.resetHandlers());
    afterAll(async () => {
      await backend.stop();
      msw.close();
      await Promise.all(repositories.map(repo => repo.cleanup()));
      await fs.promises.rm(dataDir, { recursive: true, force: true });
    });

    /** An empty bare repository for the run to publish to (it cannot put hooks in one it creates). */
    const emptyRepository = async () => {
      const repo = await createBareRepository();
      repositories.push(repo);
      // Made for acme, as a template creating it would record: only acme may connect it.
      const acme = await juanieDb('organizations').where({ slug: 'acme' }).first('id');
      await juanieDb('repository_claims').insert({
        url: pathToFileURL(await fs.promises.realpath(repo.dir)).href,
        organization_id: acme.id,
        claimed_by: 'user:default/test-seed',
        created_at: new Date(),
      });
      return repo;
    };
    /** The values of a run started through the API, leaving out environments and the rest. */
    const valuesFor = (name: string, repo: BareRepository) => ({
      org: 'acme',
      name,
      repoHost: 'git',
      localRepoPath: repo.dir,
    });

    /** What a completed run leaves: the default environments on their overlays, one repository, two commits. */
    async function expectCompleted(name: string, repo: BareRepository) {
      const envs = (
        await backend.juanie(`/orgs/acme/projects/${name}/environments`)
      ).body.items;
      expect(
        envs.map((e: any) => [
          e.slug,
          e.kind,
          e.approval.requiredApprovals,
          e.gitops?.path,
        ]),
      ).toEqual([
        ['dev', 'development', 0, `apps/${name}/overlays/dev`],
        ['staging', 'staging', 1, `apps/${name}/overlays/staging`],
        ['prod', 'production', 2, `apps/${name}/overlays/prod`],
      ]);
      const connected = (
        await backend.juanie(`/orgs/acme/projects/${name}/repositories`)
      ).body.items;
      expect(connected).toEqual([
        expect.objectContaining({ url: repo.url, purpose: 'gitops' }),
      ]);
      expect(await repo.log()).toEqual([
        `Bootstrap GitOps layout of acme/${name}: dev, staging, prod`,
        'Initial commit',
      ]);
    }

    it('creates the default environments when a run started through the API leaves them out', async () => {
      const repo = await emptyRepository();

      const run = await backend.runTemplate(
        TEMPLATE,
        valuesFor('defaults', repo),
      );

      expect(failureOf(run).messages).not.toMatch(/error/i);
      expect(run.task.status).toBe('completed');
      await expectCompleted('defaults', repo);
      const files = await repo.files();
      expect(files['README.md']).toContain(
        'A service created with the Juanie project template',
      );
      expect(files['apps/defaults/base/deployment.yaml']).toContain(
        'containerPort: 8080',
      );
    });

    it("gives an environment added through the API the juanie-environment template's defaults: staging, one approval, its overlay", async () => {
      const repo = await emptyRepository();
      await backend.runTemplate(TEMPLATE, valuesFor('more', repo));

      const run = await backend.runTemplate(
        'template:default/juanie-environment',
        { org: 'acme', project: 'more', slug: 'qa' },
      );

      expect(failureOf(run).stepId).toBeUndefined();
      expect(run.task.status).toBe('completed');
      const qa = (
        await backend.juanie('/orgs/acme/projects/more/environments/qa')
      ).body;
      expect([
        qa.kind,
        qa.approval.requiredApprovals,
        qa.approval.allowSelfApproval,
        qa.gitops?.path,
      ]).toEqual(['staging', 1, false, 'apps/more/overlays/qa']);
      expect((await repo.log())[0]).toBe('Add GitOps layout of acme/more: qa');
    });

    /** What a run left of project `name` and its repository. */
    async function whatIsLeft(name: string, repo: BareRepository) {
      const project = await backend.juanie(`/orgs/acme/projects/${name}`);
      if (project.status === 404) {
        return { commits: await repo.log(), project: 'none' };
      }
      const envs = (
        await backend.juanie(`/orgs/acme/projects/${name}/environments`)
      ).body.items;
      const connected = (
        await backend.juanie(`/orgs/acme/projects/${name}/repositories`)
      ).body.items;
      return {
        commits: await repo.log(),
        environments: envs.map((e: any) => [e.slug, e.gitops?.path ?? null]),
        repositories: connected.length,
      };
    }

    const BOOTSTRAP = (name: string) =>
      `Bootstrap GitOps layout of acme/${name}: dev, staging, prod`;
    const untargeted = [
      ['dev', null],
      ['staging', null],
      ['prod', null],
    ];

    /** Where a failure is injected, how, and what the failed run leaves (`name`: the project). */
    const injections: Array<{
      at: string;
      step: string;
      /** Sets the failure up; returns what undoes it (for outages: nothing, they fail once). */
      inject(repo: BareRepository): Promise<() => Promise<void>>;
      left(name: string): object;
    }> = [
      {
        at: 'publish (the remote refuses the push)',
        step: 'publish-git',
        async inject(repo) {
          await refusePushes(repo, 'all');
          return () => allowPushes(repo);
        },
        left: () => ({ commits: [], project: 'none' }),
      },
      {
        at: 'project create (Juanie is down)',
        step: 'create-project',
        async inject() {
          msw.use(failOnce('post', '/orgs/acme/projects'));
          return async () => {};
        },
        left: () => ({ commits: ['Initial commit'], project: 'none' }),
      },
      {
        at: 'environment create (the second one fails)',
        step: 'create-project',
        async inject() {
          msw.use(
            failOnce(
              'post',
              '/orgs/acme/projects/:project/environments',
              body => body.slug === 'staging',
            ),
          );
          return async () => {};
        },
        left: () => ({
          commits: ['Initial commit'],
          environments: [['dev', null]],
          repositories: 0,
        }),
      },
      {
        at: 'repository connect',
        step: 'connect-gitops',
        async inject() {
          msw.use(
            failOnce('post', '/orgs/acme/projects/:project/repositories'),
          );
          return async () => {};
        },
        left: () => ({
          commits: ['Initial commit'],
          environments: untargeted,
          repositories: 0,
        }),
      },
      {
        at: 'gitops bootstrap (the push of the layout is refused)',
        step: 'gitops',
        async inject(repo) {
          await refusePushes(repo, 'updates');
          return () => allowPushes(repo);
        },
        left: () => ({
          commits: ['Initial commit'],
          environments: untargeted,
          repositories: 1,
        }),
      },
      {
        at: 'gitops bootstrap (pointing an environment at its overlay fails)',
        step: 'gitops',
        async inject() {
          msw.use(
            failOnce(
              'patch',
              '/orgs/acme/projects/:project/environments/staging',
            ),
          );
          return async () => {};
        },
        left: name => ({
          commits: [BOOTSTRAP(name), 'Initial commit'],
          environments: [
            ['dev', `apps/${name}/overlays/dev`],
            ['staging', null],
            ['prod', null],
          ],
          repositories: 1,
        }),
      },
    ];

    it.each(injections.map((injection, i) => ({ ...injection, i })))(
      'completes on a second run with the same values after a failure at $at',
      async ({ step, inject, left, i }) => {
        const name = `rerun-${i}`;
        const repo = await emptyRepository();
        const recover = await inject(repo);

        const first = await backend.runTemplate(
          TEMPLATE,
          valuesFor(name, repo),
        );

        expect(first.task.status).toBe('failed');
        expect(failureOf(first).stepId).toBe(step);
        expect(await whatIsLeft(name, repo)).toEqual(left(name));

        await recover();
        const second = await backend.runTemplate(
          TEMPLATE,
          valuesFor(name, repo),
        );

        expect(failureOf(second)).toEqual({
          stepId: undefined,
          messages: expect.not.stringMatching(/error/i),
        });
        expect(second.task.status).toBe('completed');
        await expectCompleted(name, repo);
      },
    );

    it('refuses a third run on the finished project, changing nothing', async () => {
      const repo = await emptyRepository();
      await backend.runTemplate(TEMPLATE, valuesFor('finished', repo));

      const again = await backend.runTemplate(
        TEMPLATE,
        valuesFor('finished', repo),
      );

      expect(again.task.status).toBe('failed');
      expect(failureOf(again).stepId).toBe('check-project');
      expect(failureOf(again).messages).toContain(
        'it is finished: every environment deploys from its GitOps layout',
      );
      await expectCompleted('finished', repo);
    });

    it('refuses to adopt a project whose environments differ from the run, changing nothing', async () => {
      const repo = await emptyRepository();
      msw.use(
        failOnce(
          'post',
          '/orgs/acme/projects/:project/environments',
          body => body.slug === 'prod',
        ),
      );
      const first = await backend.runTemplate(
        TEMPLATE,
        valuesFor('differ', repo),
      );
      expect(failureOf(first).stepId).toBe('create-project');

      const second = await backend.runTemplate(TEMPLATE, {
        ...valuesFor('differ', repo),
        environments: [
          { slug: 'dev', kind: 'development' },
          { slug: 'staging', kind: 'production', requiredApprovals: 2 },
        ],
      });

      expect(failureOf(second).stepId).toBe('check-project');
      expect(failureOf(second).messages).toContain(
        'its environment staging is of kind staging instead of production, needing 1 approvals instead of 2',
      );
      expect(await whatIsLeft('differ', repo)).toEqual({
        commits: ['Initial commit'],
        environments: [
          ['dev', null],
          ['staging', null],
        ],
        repositories: 0,
      });
    });
  },
);
