import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { createBareRepositoryWithCommit, LocalBareRepository } from '../testing/gitRepositories';
import { attempt, conflict, invalid, refusedWithoutChange } from '../testing/refusals';
import { CAST, expectSuccess, seedAcmeShop, seedOrganization, seedProject } from '../testing/seededOrganization';
import { claimed, claimLocalRepository } from '../testing/repositoryClaims';
import { JuanieTestBackend, startJuanieTestBackend, TEST_PLATFORM_ADMIN, TEST_REPOSITORIES, TestClient } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

jest.setTimeout(60_000);

const REPOS = '/orgs/acme/projects/shop/repositories';
const ENVS = '/orgs/acme/projects/shop/environments';
const HEAD_SHA = '6dcb09b5b57875f334f61aebed695e2e4193db5e';

/** Payloads shaped like GitHub's `GET /repos/{owner}/{repo}` and `.../branches/{branch}`. */
const github = {
  repo: {
    id: 1296269,
    node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
    name: 'shop',
    full_name: 'acme/shop',
    private: false,
    owner: { login: 'acme', id: 1, type: 'Organization' },
    html_url: 'https://github.com/acme/shop',
    clone_url: 'https://github.com/acme/shop.git',
    default_branch: 'trunk',
    visibility: 'public',
  },
  branch: {
    name: 'trunk',
    commit: {
      sha: HEAD_SHA,
      node_id: 'MDY6Q29tbWl0',
      commit: { message: 'Fix all the bugs', author: { name: 'Monalisa Octocat' } },
      url: `https://api.github.com/repos/acme/shop/commits/${HEAD_SHA}`,
    },
    protected: true,
  },
};

/** Payloads shaped like GitLab's `GET /projects/:id` and `.../repository/branches/:branch`. */
const gitlab = {
  project: {
    id: 3,
    name: 'shop',
    path: 'shop',
    path_with_namespace: 'acme/shop',
    default_branch: 'main',
    http_url_to_repo: 'https://gitlab.example.com/acme/shop.git',
    web_url: 'https://gitlab.example.com/acme/shop',
    visibility: 'private',
  },
  branch: {
    name: 'main',
    merged: false,
    protected: true,
    default: true,
    commit: {
      id: HEAD_SHA,
      short_id: HEAD_SHA.slice(0, 8),
      title: 'Add the GitOps manifests',
      author_name: 'Jane Doe',
      committed_date: '2026-11-20T09:00:00.000Z',
    },
    web_url: 'https://gitlab.example.com/acme/shop/-/tree/main',
  },
};

const notFound = () => HttpResponse.json({ message: 'Not Found' }, { status: 404 });

/** A TCP server that accepts connections and never answers; counts who came. */
async function startSilentServer() {
  const sockets: net.Socket[] = [];
  const server = net.createServer(socket => sockets.push(socket));
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => sockets.length,
    close: () => {
      sockets.forEach(socket => socket.destroy());
      return new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}

describe('repositories', () => {
  const databases = createJuanieTestDatabases();
  /** The test backend and the permission backend talk over localhost; everything else is mocked. */
  const server = setupServer(http.all(/^http:\/\/(localhost|127\.0\.0\.1)[:/]/, () => passthrough()));
  registerMswTestHooks(server);

  let bare: LocalBareRepository;
  beforeAll(async () => {
    bare = await createBareRepositoryWithCommit();
  });
  afterAll(() => bare.remove());

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let backend: JuanieTestBackend;
    let owner: TestClient;
    const connect = async (url: string, purpose = 'gitops', project = 'shop') =>
      expectSuccess(
        await owner.post(`/orgs/acme/projects/${project}/repositories`, { url, purpose }),
        `connect ${url}`,
      ).body;
    const sync = async (id: string) => (await owner.post(`${REPOS}/${id}/sync`)).body;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startJuanieTestBackend(knex, {
        // Backstage needs the API URL of a self-hosted GitLab spelled out.
        integrations: {
          gitlab: [
            { host: 'gitlab.example.com', apiBaseUrl: 'https://gitlab.example.com/api/v4', token: 't' },
          ],
        },
        juanie: {
          platformAdmins: [TEST_PLATFORM_ADMIN],
          integrationGrants: [{ host: 'gitlab.example.com', organizations: ['acme'] }],
          repositories: {
            ...TEST_REPOSITORIES,
            // Allowed hosts, so that what refuses them below is the address rule alone.
            allowedHosts: [...TEST_REPOSITORIES.allowedHosts, '127.0.0.1', 'localhost', '169.254.169.254', '10.0.0.7'],
            shared: ['https://git.example.com/platform/charts.git'],
          },
        },
      });
      await seedAcmeShop(backend);
      await seedProject(backend, 'acme', 'books');
      await seedOrganization(backend, 'globex');
      await seedProject(backend, 'globex', 'web');
      owner = backend.as(CAST.orgOwner);
    });

    it('records the default branch and head commit of a local git repository on sync', async () => {
      const repo = await connect(await claimed(knex, bare.url));
      expect(repo).toMatchObject({ provider: 'git', status: 'pending', headCommit: null });

      const synced = await sync(repo.id);

      expect(synced).toMatchObject({
        status: 'synced',
        statusReason: null,
        statusMessage: null,
        defaultBranch: 'main',
        headCommit: bare.headCommit,
        syncedAt: expect.any(String),
      });
      expect((await owner.get(`${REPOS}/${repo.id}`)).body).toEqual(synced);
      const [event] = (await backend.as(CAST.platformAdmin).get('/audit?limit=1')).body.items;
      expect(event).toMatchObject({
        action: 'repository.sync',
        outcome: 'success',
        resourceId: repo.id,
        message: `Synced ${bare.url}: main at ${bare.headCommit}`,
      });
    });

    it("records an unreachable remote as an error with a message, without git's output", async () => {
      // A repository created for acme, and removed since.
      const gone = pathToFileURL(path.join(os.tmpdir(), `juanie-gone-${databaseId}-${Date.now()}.git`)).href;
      await knex('repository_claims').insert({
        url: gone,
        organization_id: (await knex('organizations').where({ slug: 'acme' }).first('id')).id,
        claimed_by: 'user:default/test-seed',
        created_at: new Date(),
      });
      const repo = await connect(gone);

      const synced = await sync(repo.id);

      expect(synced).toMatchObject({
        status: 'error',
        statusReason: 'RemoteUnreachable',
        statusMessage: `${gone} could not be read or written: it does not exist, is not a git repository, or refused access`,
        defaultBranch: null,
        headCommit: null,
      });
    });

    describe('tenancy rule 3: repositories belong to an organisation', () => {
      const connectAs = (org: string, project: string, url: string, purpose = 'gitops') =>
        attempt(knex, () => owner.post(`/orgs/${org}/projects/${project}/repositories`, { url, purpose }));

      it('refuses file:///etc, outside the local roots', async () => {
        expect(await connectAs('acme', 'shop', 'file:///etc')).toEqual(
          refusedWithoutChange(invalid(/^\/etc is outside the directories local repositories may be connected from/)),
        );
      });

      it('refuses a path that climbs out of a local root with ..', async () => {
        const url = `${pathToFileURL(os.tmpdir()).href}/../etc/passwd`;
        expect(await connectAs('acme', 'shop', url)).toEqual(refusedWithoutChange(invalid(/^Write .* as file:\/\/\/etc\/passwd$/)));
      });

      it("refuses another organisation's local repository", async () => {
        const acmes = await createBareRepositoryWithCommit();
        try {
          await claimLocalRepository(knex, 'acme', acmes.url);
          expect(await connectAs('globex', 'web', acmes.url)).toEqual(
            refusedWithoutChange(invalid(/was not created for organisation globex: only local repositories created for it/)),
          );
          // Nor through a symbolic link to it.
          const link = path.join(os.tmpdir(), `juanie-link-${databaseId}-${Date.now()}.git`);
          await fs.symlink(new URL(acmes.url).pathname, link);
          expect(await connectAs('globex', 'web', pathToFileURL(link).href)).toEqual(
            refusedWithoutChange(invalid(/was not created for organisation globex/)),
          );
          await fs.rm(link);
        } finally {
          await acmes.remove();
        }
      });

      it('refuses a claim of a local repository from anyone but the scaffolder', async () => {
        const mine = await createBareRepositoryWithCommit();
        try {
          expect(await attempt(knex, () => owner.post('/orgs/globex/repository-claims', { url: mine.url }))).toEqual(
            refusedWithoutChange({ status: 403, message: /^Local repositories are claimed by the scaffolder that creates them$/, outcome: 'denied' }),
          );
        } finally {
          await mine.remove();
        }
      });

      it('refuses a local repository that was not created for any organisation', async () => {
        const unclaimed = await createBareRepositoryWithCommit();
        try {
          expect(await connectAs('acme', 'shop', unclaimed.url)).toEqual(
            refusedWithoutChange(invalid(/was not created for organisation acme/)),
          );
        } finally {
          await unclaimed.remove();
        }
      });

      it('refuses a host that is neither an integration nor allowed', async () => {
        expect(await connectAs('acme', 'shop', 'https://evil.example.net/acme/shop.git')).toEqual(
          refusedWithoutChange(
            invalid(/^evil\.example\.net is not a host repositories may be connected from: ask the platform team to configure it as an integration/),
          ),
        );
      });

      it('refuses http://127.0.0.1:<port> without contacting it (server-side request forgery)', async () => {
        const silent = await startSilentServer();
        try {
          for (const url of [
            `http://127.0.0.1:${silent.port}/x.git`,
            `http://localhost:${silent.port}/x.git`,
            `ssh://git@127.0.0.1:${silent.port}/x.git`,
            'http://169.254.169.254/latest/meta-data.git',
            'https://10.0.0.7/acme/shop.git',
          ]) {
            expect(await connectAs('acme', 'shop', url)).toEqual(
              refusedWithoutChange(invalid(/is a loopback, link-local or private address, which repositories may not use here/)),
            );
          }
          expect(silent.connections()).toBe(0);
        } finally {
          await silent.close();
        }
      });

      it('refuses credentials in a URL, pointing to integrations', async () => {
        expect(await connectAs('acme', 'shop', 'https://bob:ghp_secret@git.example.com/acme/shop.git')).toEqual(
          refusedWithoutChange(invalid(/^Repository URLs must not carry credentials: .*Backstage integration/)),
        );
      });

      it('never shows a stored URL with credentials, in the API or the audit trail', async () => {
        const [project] = await knex('projects').where({ slug: 'shop' }).select('id');
        const id = '00000000-0000-4000-8000-00000000c0de';
        await knex('repositories').insert({
          id,
          project_id: project.id,
          provider: 'git',
          purpose: 'app',
          url: 'https://bob:ghp_secret@git.example.com/acme/legacy.git',
          status: 'pending',
          status_changed_at: new Date(),
          created_at: new Date(),
        });
        const shown = [
          (await owner.get(REPOS)).text,
          (await backend.as(CAST.viewer).get(`${REPOS}/${id}`)).text,
          JSON.stringify(await sync(id)),
          JSON.stringify((await owner.delete(`${REPOS}/${id}`)).status),
          (await backend.as(CAST.platformAdmin).get('/audit?limit=5')).text,
        ].join('\n');
        expect(shown).toContain('https://git.example.com/acme/legacy.git');
        expect(shown).not.toMatch(/ghp_secret|bob:/);
      });

      it('refuses a repository URL another organisation connected (409), without naming it', async () => {
        await connect('https://git.example.com/acme/taken.git', 'app');

        for (const url of ['https://git.example.com/acme/taken.git', 'git@git.example.com:acme/taken', 'https://GIT.example.com/acme/taken']) {
          const result = await connectAs('globex', 'web', url, 'app');
          expect(result).toEqual(
            refusedWithoutChange(conflict(/is connected to another organisation; it can be connected here once its owners share it/)),
          );
          expect(result.message).not.toMatch(/acme\b(?!\/)|shop/);
        }
      });

      it('lets two organisations connect a repository its owners share', async () => {
        await connect('https://git.example.com/platform/charts.git', 'app');
        const shared = await owner.post('/orgs/globex/projects/web/repositories', {
          url: 'https://git.example.com/platform/charts.git',
          purpose: 'app',
        });
        expect(shared.status).toBe(201);
      });
    });

    it('reads a GitHub repository through the REST API, and recovers from an error', async () => {
      const repo = await connect('https://github.com/acme/shop', 'app');
      expect(repo.provider).toBe('github');
      server.use(http.get('https://api.github.com/repos/acme/shop', notFound));
      const failed = await sync(repo.id);
      expect(failed).toMatchObject({ status: 'error', statusMessage: expect.stringMatching(/Not Found/) });

      server.use(
        http.get('https://api.github.com/repos/acme/shop', () => HttpResponse.json(github.repo)),
        http.get('https://api.github.com/repos/acme/shop/branches/trunk', () =>
          HttpResponse.json(github.branch),
        ),
      );
      const synced = await sync(repo.id);

      expect(synced).toMatchObject({
        status: 'synced',
        statusMessage: null,
        defaultBranch: 'trunk',
        headCommit: HEAD_SHA,
      });
      expect(synced.statusChangedAt > failed.statusChangedAt).toBe(true);
    });

    it('reads a GitLab repository through the REST API with the configured token', async () => {
      const tokens: Array<string | null> = [];
      server.use(
        http.get('https://gitlab.example.com/api/v4/projects/:id', ({ request, params }) => {
          tokens.push(request.headers.get('private-token'));
          return decodeURIComponent(String(params.id)) === 'acme/shop'
            ? HttpResponse.json(gitlab.project)
            : notFound();
        }),
        http.get('https://gitlab.example.com/api/v4/projects/:id/repository/branches/:branch', ({ params }) =>
          params.branch === 'main' ? HttpResponse.json(gitlab.branch) : notFound(),
        ),
      );
      const repo = await connect('https://gitlab.example.com/acme/shop.git', 'app');
      expect(repo.provider).toBe('gitlab');

      const synced = await sync(repo.id);

      expect(synced).toMatchObject({ status: 'synced', defaultBranch: 'main', headCommit: HEAD_SHA });
      expect(tokens).toEqual(['t']);
    });

    describe('as GitOps targets of environments', () => {
      const env = (slug: string, repositoryId: string) => ({
        slug,
        title: slug,
        kind: 'production',
        gitops: { repositoryId, branch: 'main', path: `clusters/${slug}` },
      });

      it('refuses an app repository', async () => {
        const app = await connect('https://git.example.com/acme/shop-app.git', 'app');

        const result = await attempt(
          knex,
          () => owner.post(ENVS, env('prod-app', app.id)),
        );

        expect(result).toEqual(
          refusedWithoutChange(
            invalid(/repository .* is an app repository, not a gitops one/),
          ),
        );
      });

      it('refuses a repository of another project', async () => {
        const foreign = await connect('https://git.example.com/acme/books-gitops.git', 'gitops', 'books');

        const result = await attempt(
          knex,
          () => owner.post(ENVS, env('prod-foreign', foreign.id)),
        );

        expect(result).toEqual(
          refusedWithoutChange(
            invalid(/repository .* is not connected to project shop/),
          ),
        );
      });

      it('keeps a repository connected while an environment deploys from it (409)', async () => {
        const gitops = await connect('https://git.example.com/acme/shop-gitops.git');
        expectSuccess(await owner.post(ENVS, env('prod', gitops.id)), 'create prod');

        const result = await attempt(
          knex,
          () => owner.delete(`${REPOS}/${gitops.id}`),
        );

        expect(result).toEqual(
          refusedWithoutChange(
            conflict(/is the GitOps target of an environment; point the environment elsewhere first/),
          ),
        );

        expectSuccess(await owner.patch(`${ENVS}/prod`, { gitops: null }), 'point prod elsewhere');
        expect((await owner.delete(`${REPOS}/${gitops.id}`)).status).toBe(204);
      });
    });
  });
  describe.each(databases.eachSupportedId())('with a git server that never answers, on %s', databaseId => {
    let knex: Knex;
    let backend: JuanieTestBackend;
    let silent: Awaited<ReturnType<typeof startSilentServer>>;

    beforeAll(async () => {
      silent = await startSilentServer();
      knex = await databases.init(databaseId);
      backend = await startJuanieTestBackend(knex, {
        juanie: {
          platformAdmins: [TEST_PLATFORM_ADMIN],
          git: { timeoutSeconds: 1 },
          // This backend opts in to its test server on 127.0.0.1.
          repositories: { allowedHosts: ['127.0.0.1'], allowPrivateAddresses: true },
        },
      });
      await seedAcmeShop(backend);
    });
    afterAll(async () => {
      await backend.stop();
      await silent.close();
    });

    it('holds no request open: sync and preview end with a clear time-out (504), without git output', async () => {
      const owner = backend.as(CAST.orgOwner);
      const url = `http://127.0.0.1:${silent.port}/acme/shop.git`;
      const repo = expectSuccess(await owner.post(REPOS, { url, purpose: 'gitops' }), 'connect').body;

      const synced = (await owner.post(`${REPOS}/${repo.id}/sync`)).body;
      expect(synced).toMatchObject({
        status: 'error',
        statusMessage: `${url} did not answer within 1 s (juanie.git.timeoutSeconds)`,
      });

      expectSuccess(
        await backend.as(CAST.orgAdmin).post(ENVS, {
          slug: 'staging',
          title: 'Staging',
          kind: 'staging',
          gitops: { repositoryId: repo.id, branch: 'main', path: 'apps/staging' },
        }),
        'create staging',
      );
      const preview = await owner.post(`${ENVS}/staging/deployments/preview`, {
        changes: { replicas: 2 },
      });
      expect(preview.status).toBe(504);
      expect(preview.body.error.message).toBe(`${url} did not answer within 1 s (juanie.git.timeoutSeconds)`);
      expect(silent.connections()).toBeGreaterThan(0);
    });
  });
});
