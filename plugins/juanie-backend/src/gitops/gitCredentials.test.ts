import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { gitAuthorizationFor } from '@juanie/plugin-juanie-node';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BareRepository, createBareRepository } from './testing/bareRepository';
import { GitHttpServer, startGitHttpServer } from './testing/gitHttpServer';
import { createWorkingCopies } from './workingCopies';

const basic = (user: string, token: string) =>
  `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;

const ENVIRONMENT = 'clusters/staging/web';
const FILES = {
  [`${ENVIRONMENT}/kustomization.yaml`]:
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n',
  [`${ENVIRONMENT}/deployment.yaml`]:
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n',
};
const author = { name: 'Ada Requester', email: 'ada@example.com' };
const logger = mockServices.rootLogger({ level: 'none' });

describe('gitAuthorizationFor', () => {
  const authorizationFor = gitAuthorizationFor(
    new ConfigReader({
      integrations: {
        github: [
          { host: 'github.com', token: 'ghp_unit' },
          {
            host: 'ghe.example.com',
            apiBaseUrl: 'https://ghe.example.com/api/v3',
            token: 'ghp_enterprise',
          },
        ],
        gitlab: [
          {
            host: 'gitlab.example.com',
            apiBaseUrl: 'https://gitlab.example.com/api/v4',
            token: 'glpat_unit',
          },
        ],
      },
      juanie: {
        integrationGrants: [
          { host: 'github.com', organizations: ['acme'] },
          { host: 'ghe.example.com', organizations: ['acme'] },
          { host: 'gitlab.example.com', organizations: ['acme', 'globex'] },
        ],
      },
    }),
  );

  it.each([
    { url: 'file:///srv/git/gitops.git', expected: undefined },
    { url: 'git@github.com:acme/gitops.git', expected: undefined },
    {
      url: 'https://github.com/acme/gitops.git',
      expected: basic('x-access-token', 'ghp_unit'),
    },
    {
      url: 'https://ghe.example.com/acme/gitops.git',
      expected: basic('x-access-token', 'ghp_enterprise'),
    },
    {
      url: 'https://gitlab.example.com/acme/gitops.git',
      expected: basic('oauth2', 'glpat_unit'),
    },
    { url: 'https://gitlab.com/acme/gitops.git', expected: undefined },
    { url: 'https://git.example.org/acme/gitops.git', expected: undefined },
  ])('$url', async ({ url, expected }) => {
    expect(await authorizationFor(url, 'acme')).toBe(expected);
  });

  it("refuses another organisation's use of an integration token granted to one organisation", async () => {
    expect(await authorizationFor('https://github.com/acme/gitops.git', 'initech')).toBeUndefined();
    expect(await authorizationFor('https://ghe.example.com/acme/gitops.git', 'globex')).toBeUndefined();
    expect(await authorizationFor('https://gitlab.example.com/acme/gitops.git', 'globex')).toBe(
      basic('oauth2', 'glpat_unit'),
    );
  });

  it('gives no integration credentials for a host without a grant', async () => {
    const ungranted = gitAuthorizationFor(
      new ConfigReader({ integrations: { github: [{ host: 'github.com', token: 'ghp_unit' }] } }),
    );
    expect(await ungranted('https://github.com/acme/gitops.git', 'acme')).toBeUndefined();
  });

  it('gives no header for a GitHub host without token or app', async () => {
    const withoutToken = gitAuthorizationFor(
      new ConfigReader({
        juanie: { integrationGrants: [{ host: 'github.com', organizations: ['*'] }] },
      }),
    );
    expect(
      await withoutToken('https://github.com/acme/gitops.git', 'acme'),
    ).toBeUndefined();
  });
});

describe('git over https with integration credentials', () => {
  let repo: BareRepository;
  let server: GitHttpServer | undefined;
  let cacheDir: string;
  let initialHead: string;

  beforeEach(async () => {
    repo = await createBareRepository(FILES);
    initialHead = (await repo.run('rev-parse', 'refs/heads/main')).trim();
    cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'juanie-http-cache-'));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await fs.rm(cacheDir, { recursive: true, force: true });
    await repo.cleanup();
  });

  /** Serves the helper's bare repository (`<root>/origin.git`) over HTTP. */
  const serve = async (requiredAuthorization: string) => {
    const bare = new URL(repo.url).pathname;
    server = await startGitHttpServer({
      root: path.dirname(bare),
      requiredAuthorization,
    });
    return server;
  };

  const cachedGitConfig = async () => {
    const [clone, ...others] = await fs.readdir(cacheDir);
    expect(others).toEqual([]);
    return fs.readFile(path.join(cacheDir, clone, '.git', 'config'), 'utf8');
  };

  it.each([
    {
      name: 'GitHub token',
      token: 'ghp_test',
      header: (token: string) => basic('x-access-token', token),
      integrations: (origin: string, host: string): JsonObject => ({
        github: [{ host, apiBaseUrl: `${origin}/api`, token: 'ghp_test' }],
      }),
    },
    {
      name: 'GitLab token',
      token: 'glpat_test',
      header: (token: string) => basic('oauth2', token),
      integrations: (origin: string, host: string): JsonObject => ({
        gitlab: [
          {
            host,
            baseUrl: origin,
            apiBaseUrl: `${origin}/api/v4`,
            token: 'glpat_test',
          },
        ],
      }),
    },
  ])(
    'reads and pushes with a $name, which stays out of .git/config',
    async ({ token, header, integrations }) => {
      const http = await serve(header(token));
      const url = http.url('origin');
      const { origin, host } = new URL(url);
      const workingCopies = createWorkingCopies(
        new ConfigReader({
          integrations: integrations(origin, host),
          juanie: {
            gitops: { cacheDir },
            integrationGrants: [{ host, organizations: ['acme'] }],
            // The test's git server listens on 127.0.0.1.
            repositories: { allowPrivateAddresses: true },
          },
        }),
        { gitopsCacheDir: cacheDir, repositoryLocalRoots: [] },
        logger,
      );

      const snapshot = await workingCopies(url, 'acme').readSnapshot(
        'main',
        ENVIRONMENT,
      );
      expect(snapshot.revision).toBe(initialHead);
      expect(snapshot.files['deployment.yaml']).toBe(
        FILES[`${ENVIRONMENT}/deployment.yaml`],
      );

      const sha = await workingCopies(url, 'acme').commitChange({
        branch: 'main',
        path: ENVIRONMENT,
        apply: files => ({
          files: {
            'deployment.yaml': files['deployment.yaml'].replace(
              'replicas: 1',
              'replicas: 3',
            ),
          },
        }),
        message: 'Scale web to 3',
        author,
      });

      expect((await repo.run('rev-parse', 'refs/heads/main')).trim()).toBe(sha);
      expect(
        await repo.run('show', `${sha}:${ENVIRONMENT}/deployment.yaml`),
      ).toContain('replicas: 3');
      expect(http.requests.length).toBeGreaterThan(0);
      expect(http.requests.filter(r => !r.authorized)).toEqual([]);
      expect(http.requests.map(r => r.path)).toContain(
        '/origin.git/git-receive-pack',
      );

      const gitConfig = await cachedGitConfig();
      expect(gitConfig).toContain(`url = ${url}`);
      expect(gitConfig).not.toContain(token);
      expect(gitConfig).not.toContain(header(token));
      expect(gitConfig.toLowerCase()).not.toContain('extraheader');
    },
  );

  it('fails clearly and pushes nothing without credentials', async () => {
    const http = await serve(basic('x-access-token', 'ghp_test'));
    const url = http.url('origin');
    const workingCopies = createWorkingCopies(
      new ConfigReader({
        juanie: {
          gitops: { cacheDir },
          repositories: { allowedHosts: [new URL(url).host], allowPrivateAddresses: true },
        },
      }),
      { gitopsCacheDir: cacheDir, repositoryLocalRoots: [] },
      logger,
    );

    await expect(
      workingCopies(url, 'acme').readSnapshot('main', ENVIRONMENT),
    ).rejects.toThrow(/could not be read or written: it does not exist, is not a git repository, or refused access$/);
    await expect(
      workingCopies(url, 'acme').commitChange({
        branch: 'main',
        path: ENVIRONMENT,
        apply: () => ({ files: { 'deployment.yaml': 'replicas: 3\n' } }),
        message: 'Scale web to 3',
        author,
      }),
    ).rejects.toThrow(/could not be read or written: it does not exist, is not a git repository, or refused access$/);

    expect((await repo.run('rev-parse', 'refs/heads/main')).trim()).toBe(
      initialHead,
    );
    expect(http.requests.length).toBeGreaterThan(0);
    expect(http.requests.filter(r => r.authorized)).toEqual([]);
    expect(http.requests.every(r => r.status === 401)).toBe(true);
  });

  it('fails clearly with a token the server does not accept', async () => {
    const http = await serve(basic('x-access-token', 'ghp_test'));
    const url = http.url('origin');
    const { origin, host } = new URL(url);
    const workingCopies = createWorkingCopies(
      new ConfigReader({
        integrations: {
          github: [{ host, apiBaseUrl: `${origin}/api`, token: 'ghp_wrong' }],
        },
        juanie: {
          gitops: { cacheDir },
          integrationGrants: [{ host, organizations: ['acme'] }],
          repositories: { allowPrivateAddresses: true },
        },
      }),
      { gitopsCacheDir: cacheDir, repositoryLocalRoots: [] },
      logger,
    );

    await expect(
      workingCopies(url, 'acme').readSnapshot('main', ENVIRONMENT),
    ).rejects.toThrow(/could not be read or written: it does not exist, is not a git repository, or refused access$/);
    expect((await repo.run('rev-parse', 'refs/heads/main')).trim()).toBe(
      initialHead,
    );
    expect(http.requests.filter(r => r.authorized)).toEqual([]);
  });
});
