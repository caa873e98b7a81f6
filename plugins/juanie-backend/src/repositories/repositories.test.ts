import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { createBareRepositoryWithCommit, LocalBareRepository } from '../testing/gitRepositories';
import { attempt, conflict, invalid, refusedWithoutChange } from '../testing/refusals';
import { CAST, expectSuccess, seedAcmeShop, seedProject } from '../testing/seededOrganization';
import { JuanieTestBackend, startJuanieTestBackend, TestClient } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

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
      });
      await seedAcmeShop(backend);
      await seedProject(backend, 'acme', 'books');
      owner = backend.as(CAST.orgOwner);
    });

    it('records the default branch and head commit of a local git repository on sync', async () => {
      const repo = await connect(bare.url);
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

    it('records an unreachable remote as an error with a message', async () => {
      const repo = await connect('file:///nonexistent/juanie/shop.git');

      const synced = await sync(repo.id);

      expect(synced).toMatchObject({
        status: 'error',
        statusReason: 'RemoteUnreachable',
        statusMessage: expect.stringMatching(/nonexistent\/juanie\/shop\.git/),
        defaultBranch: null,
        headCommit: null,
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
});
