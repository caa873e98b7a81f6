import { Knex } from 'knex';
import {
  attempt,
  conflict,
  denied,
  ExpectedRefusal,
  invalid,
  notFound,
  refusedWithoutChange,
} from '../testing/refusals';
import {
  CAST,
  CastMember,
  expectSuccess,
  seedAcmeShop,
  seedProject,
  userRef,
} from '../testing/seededOrganization';
import { HttpMethod, JuanieTestBackend, startJuanieTestBackend } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(60_000);

/** Ids the requests refer to, made before the table runs. */
interface Fixture {
  appRepositoryId: string;
  gitopsRepositoryId: string;
  /** A GitOps repository of another project of the organisation. */
  foreignRepositoryId: string;
}

interface BadRequest {
  name: string;
  method: HttpMethod;
  path: string | ((fixture: Fixture) => string);
  body?: unknown | ((fixture: Fixture) => unknown);
  /** The organisation owner (a project owner by that) sends it, unless said otherwise. */
  as?: CastMember;
  refusal: ExpectedRefusal;
}

const PROJECT = '/orgs/acme/projects/shop';
const ENVS = `${PROJECT}/environments`;
const REPOS = `${PROJECT}/repositories`;
const UNKNOWN_ID = '7d0c1a53-2b7e-4f3a-9a57-0f6cbbd1f0c2';
const ref = (name: string) => encodeURIComponent(userRef(name));
const long = (length: number) => 'x'.repeat(length);

const env = { slug: 'qa', title: 'QA', kind: 'staging' };
const withGitOps =
  (target: Record<string, unknown>) =>
  ({ gitopsRepositoryId }: Fixture) => ({
    ...env,
    gitops: { repositoryId: gitopsRepositoryId, branch: 'main', path: 'clusters/qa', ...target },
  });
const withApproval = (approval: Record<string, unknown>) => ({ ...env, approval });
const repository = (fields: Record<string, unknown>) => ({
  url: 'https://git.example.com/acme/shop.git',
  purpose: 'app',
  ...fields,
});

const BAD_REQUESTS: BadRequest[] = [
  // Projects
  { name: 'a project without a slug', method: 'post', path: '/orgs/acme/projects', body: { title: 'Shop' }, refusal: invalid(/slug: /) },
  { name: 'a project with an underscore in its slug', method: 'post', path: '/orgs/acme/projects', body: { slug: 'new_shop', title: 'Shop' }, refusal: invalid(/slug: must be/) },
  { name: 'a project with a 201-character title', method: 'post', path: '/orgs/acme/projects', body: { slug: 'ok', title: long(201) }, refusal: invalid(/title: /) },
  { name: 'a project with an unknown field', method: 'post', path: '/orgs/acme/projects', body: { slug: 'ok', title: 'OK', owner: 'me' }, refusal: invalid(/owner/) },
  { name: 'a project whose slug is taken', method: 'post', path: '/orgs/acme/projects', body: { slug: 'shop', title: 'Again' }, refusal: conflict(/Project 'shop' already exists in acme/) },
  { name: 'a project in an unknown organisation', method: 'post', path: '/orgs/ghost/projects', body: { slug: 'ok', title: 'OK' }, refusal: notFound(/Organisation 'ghost' does not exist/) },
  { name: 'archiving with "yes"', method: 'patch', path: PROJECT, body: { archived: 'yes' }, refusal: invalid(/archived: /) },
  { name: 'a project title of null', method: 'patch', path: PROJECT, body: { title: null }, refusal: invalid(/title: /) },
  { name: 'renaming a project’s slug', method: 'patch', path: PROJECT, body: { slug: 'store' }, refusal: invalid(/slug/) },
  { name: 'a change to an unknown project', method: 'patch', path: '/orgs/acme/projects/ghost', body: { title: 'Boo' }, refusal: notFound(/Project 'ghost' does not exist in acme/) },
  { name: 'deleting an unknown project', method: 'delete', path: '/orgs/acme/projects/ghost', refusal: notFound(/Project 'ghost' does not exist/) },
  { name: 'a viewer renaming the project', as: CAST.viewer, method: 'patch', path: PROJECT, body: { title: 'Mine' }, refusal: denied(/juanie\.project\.manage on acme\/shop/) },
  // Project members
  { name: 'a project member named without a kind', method: 'post', path: `${PROJECT}/members`, body: { userRef: 'newcomer', role: 'viewer' }, refusal: invalid(/userRef: must be an entity ref/) },
  { name: 'an organisation role on a project', method: 'post', path: `${PROJECT}/members`, body: { userRef: userRef('newcomer'), role: 'admin' }, refusal: invalid(/role: /) },
  { name: 'someone who is already a project member', method: 'post', path: `${PROJECT}/members`, body: { userRef: userRef(CAST.viewer), role: 'developer' }, refusal: conflict(/user:default\/viewer is already a member of shop/) },
  { name: 'a project role for someone who is not a member', method: 'patch', path: `${PROJECT}/members/${ref('ghost')}`, body: { role: 'viewer' }, refusal: notFound(/user:default\/ghost is not a member of project shop/) },
  { name: 'a project role change with an unknown field', method: 'patch', path: `${PROJECT}/members/${ref(CAST.viewer)}`, body: { role: 'developer', until: 'tomorrow' }, refusal: invalid(/until/) },
  { name: 'removing someone who is not a project member', method: 'delete', path: `${PROJECT}/members/${ref('ghost')}`, refusal: notFound(/is not a member of project shop/) },
  // Project teams
  { name: 'a role for an unknown team', method: 'post', path: `${PROJECT}/teams`, body: { team: 'ghost', role: 'viewer' }, refusal: notFound(/Team 'ghost' does not exist in acme/) },
  { name: 'a role for a team named with capitals', method: 'post', path: `${PROJECT}/teams`, body: { team: 'Web', role: 'viewer' }, refusal: invalid(/team: must be/) },
  { name: 'a team grant without a role', method: 'post', path: `${PROJECT}/teams`, body: { team: 'ops' }, refusal: invalid(/role: /) },
  { name: 'a second role for a team', method: 'post', path: `${PROJECT}/teams`, body: { team: 'web', role: 'maintainer' }, refusal: conflict(/Team web already has a role on shop/) },
  { name: 'a new role for an unknown team', method: 'patch', path: `${PROJECT}/teams/ghost`, body: { role: 'viewer' }, refusal: notFound(/Team 'ghost' does not exist/) },
  { name: 'a new role for a team named badly', method: 'patch', path: `${PROJECT}/teams/Bad_Team`, body: { role: 'viewer' }, refusal: invalid(/team: .*must be/) },
  { name: 'a team role that does not exist', method: 'patch', path: `${PROJECT}/teams/web`, body: { role: 'god' }, refusal: invalid(/role: /) },
  { name: 'removing a team that holds no role', method: 'delete', path: `${PROJECT}/teams/ops`, refusal: notFound(/Team ops has no role on project shop/) },
  // Environments
  { name: 'an environment without a kind', method: 'post', path: ENVS, body: { slug: 'qa', title: 'QA' }, refusal: invalid(/kind: /) },
  { name: 'an environment of an unknown kind', method: 'post', path: ENVS, body: { ...env, kind: 'qa' }, refusal: invalid(/kind: /) },
  { name: 'a negative promotion order', method: 'post', path: ENVS, body: { ...env, order: -1 }, refusal: invalid(/order: /) },
  { name: 'a fractional promotion order', method: 'post', path: ENVS, body: { ...env, order: 1.5 }, refusal: invalid(/order: /) },
  { name: 'a cluster name with capitals and an underscore', method: 'post', path: ENVS, body: { ...env, cluster: 'Prod_Cluster' }, refusal: invalid(/cluster: must be a DNS label/) },
  { name: 'a 64-character namespace', method: 'post', path: ENVS, body: { ...env, namespace: long(64) }, refusal: invalid(/namespace: /) },
  { name: 'a GitOps path that climbs out with ../x', method: 'post', path: ENVS, body: withGitOps({ path: '../x' }), refusal: invalid(/gitops\.path: must be a relative path/) },
  { name: 'a GitOps path that climbs out halfway', method: 'post', path: ENVS, body: withGitOps({ path: 'apps/../../etc' }), refusal: invalid(/gitops\.path: must be a relative path/) },
  { name: 'an absolute GitOps path', method: 'post', path: ENVS, body: withGitOps({ path: '/abs' }), refusal: invalid(/gitops\.path: must be a relative path/) },
  { name: 'a GitOps path with an empty segment', method: 'post', path: ENVS, body: withGitOps({ path: 'a//b' }), refusal: invalid(/gitops\.path: must be a relative path/) },
  { name: 'a GitOps path with a backslash', method: 'post', path: ENVS, body: withGitOps({ path: 'a\\b' }), refusal: invalid(/gitops\.path: must be a relative path/) },
  { name: 'a GitOps branch with ..', method: 'post', path: ENVS, body: withGitOps({ branch: 'main..x' }), refusal: invalid(/gitops\.branch: must be a valid git branch name/) },
  { name: 'a GitOps branch with a space', method: 'post', path: ENVS, body: withGitOps({ branch: 'my branch' }), refusal: invalid(/gitops\.branch: /) },
  { name: 'a GitOps repository id that is not an id', method: 'post', path: ENVS, body: withGitOps({ repositoryId: 'repo-1' }), refusal: invalid(/gitops\.repositoryId: /) },
  { name: 'a GitOps repository that is not connected', method: 'post', path: ENVS, body: withGitOps({ repositoryId: UNKNOWN_ID }), refusal: invalid(/gitops target: repository .* is not connected to project shop/) },
  { name: 'a GitOps target with a token in it', method: 'post', path: ENVS, body: withGitOps({ token: 'secret' }), refusal: invalid(/gitops: .*token/) },
  { name: 'an approval expiry in weeks', method: 'post', path: ENVS, body: withApproval({ expiresAfter: 'P1W' }), refusal: invalid(/approval\.expiresAfter: must be an ISO 8601 duration/) },
  { name: 'an approval expiry in words', method: 'post', path: ENVS, body: withApproval({ expiresAfter: '3 days' }), refusal: invalid(/approval\.expiresAfter: /) },
  { name: 'an approval expiry under a minute', method: 'post', path: ENVS, body: withApproval({ expiresAfter: 'PT30S' }), refusal: invalid(/approval\.expiresAfter: .*between PT1M and P30D/) },
  { name: 'an approval expiry over thirty days', method: 'post', path: ENVS, body: withApproval({ expiresAfter: 'P31D' }), refusal: invalid(/approval\.expiresAfter: /) },
  { name: 'an empty duration P', method: 'post', path: ENVS, body: withApproval({ expiresAfter: 'P' }), refusal: invalid(/approval\.expiresAfter: /) },
  { name: 'a duration that ends in T', method: 'post', path: ENVS, body: withApproval({ expiresAfter: 'P1DT' }), refusal: invalid(/approval\.expiresAfter: /) },
  { name: 'a zero-padded duration longer than its column', method: 'post', path: ENVS, body: withApproval({ expiresAfter: `PT${'0'.repeat(40)}60S` }), refusal: invalid(/approval\.expiresAfter: /) },
  { name: 'more than 20 required approvals', method: 'post', path: ENVS, body: withApproval({ requiredApprovals: 21 }), refusal: invalid(/approval\.requiredApprovals: /) },
  { name: 'required approvals as a string', method: 'post', path: ENVS, body: withApproval({ requiredApprovals: '2' }), refusal: invalid(/approval\.requiredApprovals: /) },
  { name: 'an approver team that does not exist', method: 'post', path: ENVS, body: withApproval({ approvers: ['team:ghost'] }), refusal: invalid(/team 'ghost' does not exist in acme/) },
  { name: 'an approver that is not a ref', method: 'post', path: ENVS, body: withApproval({ approvers: ['bob'] }), refusal: invalid(/approval\.approvers\.0: /) },
  { name: 'an approval rule with an unknown field', method: 'post', path: ENVS, body: withApproval({ quorum: 2 }), refusal: invalid(/approval: .*quorum/) },
  { name: 'an environment whose slug is taken', method: 'post', path: ENVS, body: { ...env, slug: 'dev' }, refusal: conflict(/Environment 'dev' already exists in shop/) },
  { name: 'a change to an unknown environment', method: 'patch', path: `${ENVS}/ghost`, body: { title: 'Boo' }, refusal: notFound(/Environment 'ghost' does not exist in project shop/) },
  { name: 'a GitOps path change that climbs out', method: 'patch', path: `${ENVS}/dev`, body: ({ gitopsRepositoryId }: Fixture) => ({ gitops: { repositoryId: gitopsRepositoryId, branch: 'main', path: '../prod' } }), refusal: invalid(/gitops\.path: /) },
  { name: 'renaming an environment’s slug', method: 'patch', path: `${ENVS}/dev`, body: { slug: 'development' }, refusal: invalid(/slug/) },
  { name: 'deleting an unknown environment', method: 'delete', path: `${ENVS}/ghost`, refusal: notFound(/Environment 'ghost' does not exist/) },
  // Repositories
  { name: 'a repository URL that runs a command (ext::sh -c x)', method: 'post', path: REPOS, body: repository({ url: 'ext::sh -c x' }), refusal: invalid(/url: must be an https:\/\/, ssh:\/\/ or file:\/\/\/ git URL/) },
  { name: 'an ext:: repository URL without spaces', method: 'post', path: REPOS, body: repository({ url: 'ext::sh' }), refusal: invalid(/url: /) },
  { name: 'a repository URL without a path', method: 'post', path: REPOS, body: repository({ url: 'https://github.com' }), refusal: invalid(/url: /) },
  { name: 'an ftp repository URL', method: 'post', path: REPOS, body: repository({ url: 'ftp://example.com/x.git' }), refusal: invalid(/url: /) },
  { name: 'a relative file URL', method: 'post', path: REPOS, body: repository({ url: 'file://relative/x.git' }), refusal: invalid(/url: /) },
  { name: 'a bare local path', method: 'post', path: REPOS, body: repository({ url: '/srv/git/x.git' }), refusal: invalid(/url: /) },
  { name: 'a repository URL that git would read as an option', method: 'post', path: REPOS, body: repository({ url: '-oProxyCommand@example.com:x' }), refusal: invalid(/url: must not start with a dash/) },
  { name: 'a repository URL over 1000 characters', method: 'post', path: REPOS, body: repository({ url: `https://example.com/${long(1000)}` }), refusal: invalid(/url: /) },
  { name: 'a repository without a URL', method: 'post', path: REPOS, body: { purpose: 'app' }, refusal: invalid(/url: /) },
  { name: 'a repository purpose that does not exist', method: 'post', path: REPOS, body: repository({ purpose: 'docs' }), refusal: invalid(/purpose: /) },
  { name: 'a repository provider that is not supported', method: 'post', path: REPOS, body: repository({ provider: 'bitbucket' }), refusal: invalid(/provider: /) },
  { name: 'a repository that is already connected', method: 'post', path: REPOS, body: { url: 'https://git.example.com/acme/shop-app.git', purpose: 'gitops' }, refusal: conflict(/https:\/\/git\.example\.com\/acme\/shop-app\.git is already connected to project shop/) },
  { name: 'syncing an unknown repository', method: 'post', path: `${REPOS}/${UNKNOWN_ID}/sync`, refusal: notFound(/Repository .* is not connected to project shop/) },
  { name: 'syncing a repository named by something else than an id', method: 'post', path: `${REPOS}/not-an-id/sync`, refusal: notFound(/Repository not-an-id is not connected/) },
  { name: 'syncing another project’s repository', method: 'post', path: ({ foreignRepositoryId }: Fixture) => `${REPOS}/${foreignRepositoryId}/sync`, refusal: notFound(/is not connected to project shop/) },
  { name: 'disconnecting an unknown repository', method: 'delete', path: `${REPOS}/${UNKNOWN_ID}`, refusal: notFound(/is not connected to project shop/) },
];

/** Project shop with environment dev, an app and a GitOps repository, and team ops (no role). */
async function seedFixture(backend: JuanieTestBackend): Promise<Fixture> {
  await seedAcmeShop(backend);
  await seedProject(backend, 'acme', 'books');
  const owner = backend.as(CAST.orgOwner);
  const post = async (path: string, body: object) =>
    expectSuccess(await owner.post(path, body), `POST ${path}`).body;
  await post(ENVS, { slug: 'dev', title: 'Development', kind: 'development' });
  await post('/orgs/acme/teams', { slug: 'ops', title: 'Ops' });
  const app = await post(REPOS, { url: 'https://git.example.com/acme/shop-app.git', purpose: 'app' });
  const gitops = await post(REPOS, { url: 'https://git.example.com/acme/shop-gitops.git', purpose: 'gitops' });
  const foreign = await post('/orgs/acme/projects/books/repositories', {
    url: 'https://git.example.com/acme/books-gitops.git',
    purpose: 'gitops',
  });
  return { appRepositoryId: app.id, gitopsRepositoryId: gitops.id, foreignRepositoryId: foreign.id };
}

describe('bad input to projects, environments and repositories', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let backend: JuanieTestBackend;
    let fixture: Fixture;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startJuanieTestBackend(knex);
      fixture = await seedFixture(backend);
    });

    it.each(BAD_REQUESTS)('refuses $name and changes nothing', async request => {
      const path = typeof request.path === 'function' ? request.path(fixture) : request.path;
      const body = typeof request.body === 'function' ? request.body(fixture) : request.body;
      const result = await attempt(
        knex,
        () => backend.as(request.as ?? CAST.orgOwner).call(request.method, path, body),
      );

      expect(result).toEqual(refusedWithoutChange(request.refusal));
    });
  });
});
