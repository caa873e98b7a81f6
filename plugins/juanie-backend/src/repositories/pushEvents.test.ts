import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { createHmac } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { FluxSimulator } from '@juanie/plugin-juanie-backend-module-dev';
import { KubeApiServer } from '@juanie/plugin-juanie-backend-module-dev';
import { gitopsFiles, STAGING_DEPLOYMENT } from '../deployments/testing/deploymentFixture';
import { BareRepository, createBareRepository } from '../gitops/testing/bareRepository';
import { GitHttpServer, startGitHttpServer } from '../gitops/testing/gitHttpServer';
import { eventually } from '../testing/eventually';
import { githubAndGitlabEventsModules } from '../testing/eventsModules';
import { JuanieTestBackend, startJuanieTestBackend } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(180_000);

const GITHUB_SECRET = 'github-webhook-secret';
const GITLAB_TOKEN = 'gitlab-webhook-token';
const ENVIRONMENTS = { staging: 'main', prod: 'main', dev: 'develop' } as const;
const PROJECT = '/orgs/acme/projects/shop';

/** GitHub's `push` webhook, with the fields its documentation shows. */
function githubPush(options: { url: string; ref: string; before: string; after: string }) {
  const web = options.url.replace(/\.git$/, '');
  return {
    ref: options.ref,
    before: options.before,
    after: options.after,
    created: false,
    deleted: false,
    forced: false,
    compare: `${web}/compare/${options.before.slice(0, 12)}...${options.after.slice(0, 12)}`,
    commits: [{ id: options.after, message: 'Scale staging', author: { name: 'Upstream Person', email: 'upstream@example.com' } }],
    head_commit: { id: options.after, message: 'Scale staging' },
    repository: {
      id: 1296269,
      name: 'origin',
      full_name: 'acme/origin',
      html_url: web,
      clone_url: options.url,
      ssh_url: `git@${new URL(options.url).hostname}:acme/origin.git`,
      default_branch: 'main',
    },
    pusher: { name: 'upstream-person', email: 'upstream@example.com' },
    sender: { login: 'upstream-person', id: 1 },
  };
}

/** GitLab's push event, with the fields its documentation shows. */
function gitlabPush(options: { url: string; ref: string; before: string; after: string }) {
  const web = options.url.replace(/\.git$/, '');
  return {
    object_kind: 'push',
    event_name: 'push',
    before: options.before,
    after: options.after,
    ref: options.ref,
    checkout_sha: options.after,
    user_username: 'upstream-person',
    project_id: 15,
    project: {
      id: 15,
      name: 'origin',
      web_url: web,
      git_http_url: options.url,
      git_ssh_url: `git@${new URL(options.url).hostname}:origin.git`,
      path_with_namespace: 'origin',
      default_branch: 'main',
    },
    commits: [{ id: options.after, message: 'Move develop' }],
    total_commits_count: 1,
  };
}

describe('GitHub and GitLab pushes through the events backend', () => {
  const databases = createJuanieTestDatabases();
  let api: KubeApiServer | undefined;
  let simulator: FluxSimulator | undefined;
  let gitServer: GitHttpServer | undefined;
  let repo: BareRepository | undefined;
  let backend: JuanieTestBackend | undefined;

  afterEach(async () => {
    await backend?.stop();
    await simulator?.stop();
    await api?.stop();
    await gitServer?.close();
    await repo?.cleanup();
    backend = simulator = api = gitServer = repo = undefined;
  });

  /** Posts a webhook as GitHub signs it (HMAC-SHA256 of the body with the shared secret). */
  const postGithub = (payload: object, secret = GITHUB_SECRET) => {
    const body = JSON.stringify(payload);
    return request(backend!.server)
      .post('/api/events/http/github')
      .set('content-type', 'application/json')
      .set('x-github-event', 'push')
      .set('x-hub-signature-256', `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`)
      .send(body);
  };
  /** Posts a webhook as GitLab does (its secret token in a header). */
  const postGitlab = (payload: object, token = GITLAB_TOKEN) =>
    request(backend!.server)
      .post('/api/events/http/gitlab')
      .set('content-type', 'application/json')
      .set('x-gitlab-event', 'Push Hook')
      .set('x-gitlab-token', token)
      .send(JSON.stringify(payload));

  /** The `reconcile.fluxcd.io/requestedAt` of each environment's GitRepository in the cluster. */
  const requestedAt = () =>
    Object.fromEntries(
      api!
        .list('source.toolkit.fluxcd.io/v1', 'GitRepository')
        .map(o => [o.metadata.namespace!.replace('shop-', ''), o.metadata.annotations?.['reconcile.fluxcd.io/requestedAt']]),
    );

  it.each(databases.eachSupportedId())(
    'a push to a followed branch records the head, asks Flux to fetch it and is audited; others change nothing (%p)',
    async id => {
      // The GitOps repository served over HTTP, as a GitHub Enterprise or self-hosted GitLab would.
      repo = await createBareRepository(gitopsFiles(Object.keys(ENVIRONMENTS)));
      const initial = (await repo.run('rev-parse', 'main')).trim();
      await repo.run('branch', 'develop', 'main');
      gitServer = await startGitHttpServer({ root: path.dirname(repo.url.slice('file://'.length)) });
      const url = gitServer.url('origin');

      // The simulated Flux polls once every ten minutes: only a reconcile request makes it fetch sooner.
      api = new KubeApiServer({ bookmarkIntervalMs: 500 });
      const apiUrl = await api.start();
      const cacheDir = path.join(os.tmpdir(), `juanie-push-${process.pid}-${id}-${Date.now()}`);
      simulator = new FluxSimulator({ server: api, cacheDir: `${cacheDir}-flux`, intervalMs: 600_000, applyDelayMs: 100 });
      simulator.seedFluxSystem();
      await simulator.start();

      backend = await startJuanieTestBackend(
        await databases.init(id),
        {
          juanie: {
            platformAdmins: [],
            jobs: { pollIntervalMs: 200 },
            clusters: [{ name: 'test', url: apiUrl, tenants: [{ organization: 'acme', namespaces: ['shop-*'] }] }],
            gitops: { cacheDir },
            // The test's git server listens on 127.0.0.1: this backend opts in to it.
            repositories: { allowedHosts: [new URL(url).host], allowPrivateAddresses: true },
          },
          events: {
            useEventBus: 'never',
            modules: { github: { webhookSecret: GITHUB_SECRET }, gitlab: { webhookSecret: GITLAB_TOKEN } },
          },
        },
        // One events service for all plugins (the test default gives each plugin its own).
        {
          features: [eventsServiceFactory, eventsPlugin, ...githubAndGitlabEventsModules()],
          // On PostgreSQL the events backend keeps its event bus in tables (and migrations) of its own.
          pluginDatabases: { events: await databases.init(id) },
        },
      );
      const carol = backend.as('carol');
      await carol.post('/orgs', { slug: 'acme', title: 'Acme' }).expect(201);
      await carol.post('/orgs/acme/projects', { slug: 'shop', title: 'Shop' }).expect(201);
      const { body: connected } = await carol.post(`${PROJECT}/repositories`, { url, purpose: 'gitops' }).expect(201);
      // Another project has the same repository as its app repository, connected by its web URL.
      await carol.post('/orgs/acme/projects', { slug: 'storefront', title: 'Storefront' }).expect(201);
      const { body: app } = await carol
        .post('/orgs/acme/projects/storefront/repositories', { url: url.replace(/\.git$/, ''), purpose: 'app' })
        .expect(201);
      const appRepository = async () => (await carol.get(`/orgs/acme/projects/storefront/repositories/${app.id}`).expect(200)).body;
      const sourceNames: Record<string, string> = {};
      for (const [env, branch] of Object.entries(ENVIRONMENTS)) {
        await carol
          .post(`${PROJECT}/environments`, {
            slug: env,
            title: env,
            kind: env === 'prod' ? 'production' : 'staging',
            namespace: `shop-${env}`,
            approval: { requiredApprovals: 0 },
            gitops: { repositoryId: connected.id, branch, path: `apps/shop/${env}` },
          })
          .expect(201);
        const { body: applied } = await carol.put(`${PROJECT}/environments/${env}/gitops/flux`).expect(200);
        sourceNames[env] = applied.items.find((o: { kind: string }) => o.kind === 'GitRepository').metadata.name;
      }
      const gitops = async () =>
        Object.fromEntries(
          ((await carol.get(`${PROJECT}/gitops`).expect(200)).body.items as any[]).map(item => [item.environment, item]),
        );
      await eventually(gitops, s => Object.keys(ENVIRONMENTS).every(env => s[env]?.source?.state === 'Ready' && s[env]?.workload?.state === 'Ready'), 60_000);
      const repository = async () => (await carol.get(`${PROJECT}/repositories/${connected.id}`).expect(200)).body;
      const pushAudit = async () => (await carol.get('/audit?org=acme&action=repository.push').expect(200)).body.items;
      expect(await repository()).toMatchObject({ headCommit: null, syncedAt: null, status: 'pending' });
      expect(requestedAt()).toEqual({ staging: undefined, prod: undefined, dev: undefined });

      // A push to main, signed as GitHub signs it.
      const pushed = await repo.pushUpstream(
        { 'apps/shop/staging/deployment.yaml': STAGING_DEPLOYMENT.replace('replicas: 2', 'replicas: 3') },
        'Scale staging',
      );
      await postGithub(githubPush({ url, ref: 'refs/heads/main', before: initial, after: pushed })).expect(202);

      const synced = await repository();
      expect(synced).toMatchObject({ headCommit: pushed, defaultBranch: 'main', status: 'synced', syncedAt: expect.any(String) });
      const asked = requestedAt();
      expect(asked).toEqual({ staging: expect.any(String), prod: expect.any(String), dev: undefined });
      const fetched = await eventually(
        gitops,
        s => s.staging.workload.lastAppliedCommit === pushed && s.prod.source.lastAppliedRevision === `main@sha1:${pushed}`,
        60_000,
      );
      expect(fetched.dev.source.lastAppliedRevision).toBe(`develop@sha1:${initial}`);
      expect(await appRepository()).toMatchObject({ headCommit: pushed, defaultBranch: 'main', status: 'synced' });
      const [appEvent, event] = await pushAudit();
      expect(appEvent).toMatchObject({ resourceId: app.id, project: 'storefront', after: expect.objectContaining({ headCommit: pushed }) });
      expect(appEvent.message).not.toContain('asked Flux');
      expect(event).toMatchObject({
        actorRef: 'plugin:juanie/push-events',
        resourceType: 'repository',
        resourceId: connected.id,
        project: 'shop',
        outcome: 'success',
        before: expect.objectContaining({ headCommit: null }),
        after: expect.objectContaining({ headCommit: pushed }),
      });
      expect(event.message).toContain(`upstream-person pushed ${pushed} to main of ${url} (github webhook)`);
      expect(event.message).toContain(`acme/shop/staging (GitRepository shop-staging/${sourceNames.staging} in test)`);

      // Refused signatures, other repositories, other branches, tags and deletions change nothing.
      const later = '0123456789abcdef0123456789abcdef01234567';
      await postGithub(githubPush({ url, ref: 'refs/heads/main', before: pushed, after: later }), 'wrong-secret').expect(403);
      await postGitlab(gitlabPush({ url, ref: 'refs/heads/main', before: pushed, after: later }), 'wrong-token').expect(403);
      const elsewhere = url.replace('/origin.git', '/other.git');
      await postGithub(githubPush({ url: elsewhere, ref: 'refs/heads/main', before: pushed, after: later })).expect(202);
      await postGitlab(gitlabPush({ url: elsewhere, ref: 'refs/heads/main', before: pushed, after: later })).expect(202);
      await postGithub(githubPush({ url, ref: 'refs/heads/feature-x', before: initial, after: later })).expect(202);
      await postGithub(githubPush({ url, ref: 'refs/tags/v1.0.0', before: initial, after: later })).expect(202);
      await postGithub({ ...githubPush({ url, ref: 'refs/heads/main', before: pushed, after: '0'.repeat(40) }), deleted: true }).expect(202);
      expect(await repository()).toEqual(synced);
      expect(requestedAt()).toEqual(asked);
      expect(await pushAudit()).toHaveLength(2);

      // A GitLab push to develop: its environment fetches; main's head stays as it was.
      await repo.run('update-ref', 'refs/heads/develop', pushed);
      await postGitlab(gitlabPush({ url, ref: 'refs/heads/develop', before: initial, after: pushed })).expect(202);
      expect(requestedAt()).toEqual({ staging: asked.staging, prod: asked.prod, dev: expect.any(String) });
      await eventually(gitops, s => s.dev.source.lastAppliedRevision === `develop@sha1:${pushed}`, 60_000);
      expect(await repository()).toEqual(synced);
      const events = await pushAudit();
      expect(events).toHaveLength(3);
      expect(events[0].message).toContain(`upstream-person pushed ${pushed} to develop of ${url} (gitlab webhook)`);
      expect(events[0].message).toContain('acme/shop/dev');
      expect(events[0].message).not.toContain('acme/shop/staging');
    },
  );
});
