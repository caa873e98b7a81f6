import { Response } from 'supertest';
import {
  CAST,
  CastMember,
  EVERYONE,
  expectSuccess,
  seedAcmeShop,
  seedOrganization,
  seedProject,
  userRef,
} from '../testing/seededOrganization';
import { HttpMethod, JuanieTestBackend, startJuanieTestBackend } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(120_000);

const { orgOwner, orgAdmin, platformAdmin, projectOwner, maintainer, outsider } = CAST;

/** Who may do what, in the words of the role matrix. */
const ANYONE = EVERYONE;
/** In the organisation directly, through a team, or through one of its projects. */
const IN_THE_ORG = EVERYONE.filter(person => person !== outsider);
const ORG_ADMINS = [orgOwner, orgAdmin, platformAdmin];
const ORG_OWNERS = [orgOwner, platformAdmin];
/** Organisation owners and admins count as project owners. */
const PROJECT_OWNERS = [...ORG_ADMINS, projectOwner];
const PROJECT_MAINTAINERS = [...PROJECT_OWNERS, maintainer];
const PROJECT_READERS = [
  ...PROJECT_MAINTAINERS,
  CAST.developer,
  CAST.viewer,
  CAST.teamDeveloper,
];
const PLATFORM_ADMINS = [platformAdmin];

/**
 * Who sees what an endpoint is about: a refused person who cannot see it gets the 404 of a name
 * that does not exist (so names cannot be probed), one who sees it a 403.
 */
function seenBy(route: string): CastMember[] {
  if (route.includes('/orgs/{org}/projects/{project}')) return PROJECT_READERS;
  if (route.includes('/orgs/{org}')) return IN_THE_ORG;
  return ANYONE;
}

/** What a request may use: who sends it, and the fixture's ids. */
interface CaseContext {
  who: CastMember;
  repositoryId: string;
}

interface Endpoint {
  method: HttpMethod;
  /** How the endpoint reads in test names. */
  route: string;
  /** The fixture's own resource; a refused request leaves it alone. */
  path: (ctx: CaseContext) => string;
  body?: (ctx: CaseContext) => object;
  /**
   * For requests that destroy their target: makes one (as the platform admin) for an allowed
   * person to destroy, and answers its path.
   */
  throwaway?: (backend: JuanieTestBackend, who: CastMember) => Promise<string>;
  /** Makes what the request refers to, for everyone. */
  arrange?: (backend: JuanieTestBackend, who: CastMember) => Promise<void>;
  /** The status of an allowed request. */
  status: 200 | 201 | 204;
  allowed: CastMember[];
}

const ORG = '/orgs/acme';
const PROJECT = `${ORG}/projects/shop`;
const ref = (name: string) => encodeURIComponent(userRef(name));
const adminOf = (backend: JuanieTestBackend) => backend.as(platformAdmin);
const prepared = async (request: PromiseLike<Response>, what: string) =>
  expectSuccess(await request, what).body;

const ENDPOINTS: Endpoint[] = [
  // Organisations
  { method: 'get', route: 'GET /orgs', path: () => '/orgs', status: 200, allowed: ANYONE },
  {
    method: 'post',
    route: 'POST /orgs',
    path: () => '/orgs',
    body: ({ who }) => ({ slug: `own-${who}`, title: 'Their own' }),
    status: 201,
    allowed: ANYONE,
  },
  { method: 'get', route: 'GET /orgs/{org}', path: () => ORG, status: 200, allowed: IN_THE_ORG },
  {
    method: 'patch',
    route: 'PATCH /orgs/{org}',
    path: () => ORG,
    body: () => ({ title: 'Organisation acme' }),
    status: 200,
    allowed: ORG_ADMINS,
  },
  {
    method: 'delete',
    route: 'DELETE /orgs/{org}',
    path: () => ORG,
    throwaway: async (backend, who) => {
      await seedOrganization(backend, `doomed-${who}`);
      return `/orgs/doomed-${who}`;
    },
    status: 204,
    allowed: ORG_OWNERS,
  },
  { method: 'get', route: 'GET /orgs/{org}/quota', path: () => `${ORG}/quota`, status: 200, allowed: IN_THE_ORG },
  { method: 'get', route: 'GET /orgs/{org}/members', path: () => `${ORG}/members`, status: 200, allowed: IN_THE_ORG },
  {
    method: 'post',
    route: 'POST /orgs/{org}/members',
    path: () => `${ORG}/members`,
    body: ({ who }) => ({ userRef: userRef(`joiner-${who}`), role: 'member' }),
    status: 201,
    allowed: ORG_ADMINS,
  },
  {
    method: 'patch',
    route: 'PATCH /orgs/{org}/members/{user}',
    path: () => `${ORG}/members/${ref(CAST.orgMember)}`,
    body: () => ({ role: 'member' }),
    status: 200,
    allowed: ORG_ADMINS,
  },
  {
    method: 'delete',
    route: 'DELETE /orgs/{org}/members/{user}',
    path: () => `${ORG}/members/${ref(CAST.orgMember)}`,
    throwaway: async (backend, who) => {
      await prepared(
        adminOf(backend).post(`${ORG}/members`, { userRef: userRef(`leaver-${who}`), role: 'member' }),
        'add a member who will leave',
      );
      return `${ORG}/members/${ref(`leaver-${who}`)}`;
    },
    status: 204,
    allowed: ORG_ADMINS,
  },
  // Teams
  { method: 'get', route: 'GET /orgs/{org}/teams', path: () => `${ORG}/teams`, status: 200, allowed: IN_THE_ORG },
  {
    method: 'post',
    route: 'POST /orgs/{org}/teams',
    path: () => `${ORG}/teams`,
    body: ({ who }) => ({ slug: `team-${who}`, title: 'A team' }),
    status: 201,
    allowed: ORG_ADMINS,
  },
  { method: 'get', route: 'GET /orgs/{org}/teams/{team}', path: () => `${ORG}/teams/web`, status: 200, allowed: IN_THE_ORG },
  {
    method: 'patch',
    route: 'PATCH /orgs/{org}/teams/{team}',
    path: () => `${ORG}/teams/web`,
    body: () => ({ title: 'Web team' }),
    status: 200,
    allowed: ORG_ADMINS,
  },
  {
    method: 'delete',
    route: 'DELETE /orgs/{org}/teams/{team}',
    path: () => `${ORG}/teams/web`,
    throwaway: async (backend, who) => {
      await prepared(adminOf(backend).post(`${ORG}/teams`, { slug: `gone-${who}`, title: 'Gone' }), 'create a team');
      return `${ORG}/teams/gone-${who}`;
    },
    status: 204,
    allowed: ORG_ADMINS,
  },
  {
    method: 'get',
    route: 'GET /orgs/{org}/teams/{team}/members',
    path: () => `${ORG}/teams/web/members`,
    status: 200,
    allowed: IN_THE_ORG,
  },
  {
    method: 'post',
    route: 'POST /orgs/{org}/teams/{team}/members',
    path: () => `${ORG}/teams/web/members`,
    body: ({ who }) => ({ userRef: userRef(`joiner-${who}`), role: 'member' }),
    status: 201,
    allowed: ORG_ADMINS,
  },
  {
    method: 'patch',
    route: 'PATCH /orgs/{org}/teams/{team}/members/{user}',
    path: () => `${ORG}/teams/web/members/${ref(CAST.teamDeveloper)}`,
    body: () => ({ role: 'member' }),
    status: 200,
    allowed: ORG_ADMINS,
  },
  {
    method: 'delete',
    route: 'DELETE /orgs/{org}/teams/{team}/members/{user}',
    path: () => `${ORG}/teams/web/members/${ref(CAST.teamDeveloper)}`,
    throwaway: async (backend, who) => {
      await prepared(
        adminOf(backend).post(`${ORG}/teams/web/members`, { userRef: userRef(`leaver-${who}`), role: 'member' }),
        'add a team member who will leave',
      );
      return `${ORG}/teams/web/members/${ref(`leaver-${who}`)}`;
    },
    status: 204,
    allowed: ORG_ADMINS,
  },
  // Projects
  { method: 'get', route: 'GET /projects', path: () => '/projects', status: 200, allowed: ANYONE },
  { method: 'get', route: 'GET /orgs/{org}/projects', path: () => `${ORG}/projects`, status: 200, allowed: IN_THE_ORG },
  {
    method: 'post',
    route: 'POST /orgs/{org}/projects',
    path: () => `${ORG}/projects`,
    body: ({ who }) => ({ slug: `project-${who}`, title: 'A project' }),
    status: 201,
    allowed: ORG_ADMINS,
  },
  { method: 'get', route: 'GET /orgs/{org}/projects/{project}', path: () => PROJECT, status: 200, allowed: PROJECT_READERS },
  {
    method: 'patch',
    route: 'PATCH /orgs/{org}/projects/{project}',
    path: () => PROJECT,
    body: () => ({ title: 'Project shop' }),
    status: 200,
    allowed: PROJECT_MAINTAINERS,
  },
  {
    method: 'delete',
    route: 'DELETE /orgs/{org}/projects/{project}',
    path: () => PROJECT,
    throwaway: async (backend, who) => {
      await seedProject(backend, 'acme', `doomed-${who}`);
      return `${ORG}/projects/doomed-${who}`;
    },
    status: 204,
    allowed: PROJECT_OWNERS,
  },
  {
    method: 'get',
    route: 'GET /orgs/{org}/projects/{project}/members',
    path: () => `${PROJECT}/members`,
    status: 200,
    allowed: PROJECT_READERS,
  },
  {
    method: 'post',
    route: 'POST /orgs/{org}/projects/{project}/members',
    path: () => `${PROJECT}/members`,
    body: ({ who }) => ({ userRef: userRef(`joiner-${who}`), role: 'viewer' }),
    status: 201,
    allowed: PROJECT_MAINTAINERS,
  },
  {
    method: 'patch',
    route: 'PATCH /orgs/{org}/projects/{project}/members/{user}',
    path: () => `${PROJECT}/members/${ref(CAST.viewer)}`,
    body: () => ({ role: 'viewer' }),
    status: 200,
    allowed: PROJECT_MAINTAINERS,
  },
  {
    method: 'delete',
    route: 'DELETE /orgs/{org}/projects/{project}/members/{user}',
    path: () => `${PROJECT}/members/${ref(CAST.viewer)}`,
    throwaway: async (backend, who) => {
      await prepared(
        adminOf(backend).post(`${PROJECT}/members`, { userRef: userRef(`leaver-${who}`), role: 'viewer' }),
        'add a project member who will leave',
      );
      return `${PROJECT}/members/${ref(`leaver-${who}`)}`;
    },
    status: 204,
    allowed: PROJECT_MAINTAINERS,
  },
  {
    method: 'get',
    route: 'GET /orgs/{org}/projects/{project}/teams',
    path: () => `${PROJECT}/teams`,
    status: 200,
    allowed: PROJECT_READERS,
  },
  {
    method: 'post',
    route: 'POST /orgs/{org}/projects/{project}/teams',
    path: () => `${PROJECT}/teams`,
    body: ({ who }) => ({ team: `ops-${who}`, role: 'viewer' }),
    arrange: async (backend, who) => {
      await prepared(adminOf(backend).post(`${ORG}/teams`, { slug: `ops-${who}`, title: 'Ops' }), 'create a team');
    },
    status: 201,
    allowed: PROJECT_MAINTAINERS,
  },
  {
    method: 'patch',
    route: 'PATCH /orgs/{org}/projects/{project}/teams/{team}',
    path: () => `${PROJECT}/teams/web`,
    body: () => ({ role: 'developer' }),
    status: 200,
    allowed: PROJECT_MAINTAINERS,
  },
  {
    method: 'delete',
    route: 'DELETE /orgs/{org}/projects/{project}/teams/{team}',
    path: () => `${PROJECT}/teams/web`,
    throwaway: async (backend, who) => {
      await prepared(adminOf(backend).post(`${ORG}/teams`, { slug: `granted-${who}`, title: 'Granted' }), 'create a team');
      await prepared(
        adminOf(backend).post(`${PROJECT}/teams`, { team: `granted-${who}`, role: 'viewer' }),
        'grant the team a role',
      );
      return `${PROJECT}/teams/granted-${who}`;
    },
    status: 204,
    allowed: PROJECT_MAINTAINERS,
  },
  // Environments
  {
    method: 'get',
    route: 'GET /orgs/{org}/projects/{project}/environments',
    path: () => `${PROJECT}/environments`,
    status: 200,
    allowed: PROJECT_READERS,
  },
  {
    method: 'post',
    route: 'POST /orgs/{org}/projects/{project}/environments',
    path: () => `${PROJECT}/environments`,
    body: ({ who }) => ({ slug: `env-${who}`, title: 'An environment', kind: 'development' }),
    status: 201,
    allowed: PROJECT_MAINTAINERS,
  },
  {
    method: 'get',
    route: 'GET /orgs/{org}/projects/{project}/environments/{env}',
    path: () => `${PROJECT}/environments/dev`,
    status: 200,
    allowed: PROJECT_READERS,
  },
  {
    method: 'patch',
    route: 'PATCH /orgs/{org}/projects/{project}/environments/{env}',
    path: () => `${PROJECT}/environments/dev`,
    body: () => ({ title: 'Development' }),
    status: 200,
    allowed: PROJECT_MAINTAINERS,
  },
  {
    method: 'delete',
    route: 'DELETE /orgs/{org}/projects/{project}/environments/{env}',
    path: () => `${PROJECT}/environments/dev`,
    throwaway: async (backend, who) => {
      await prepared(
        adminOf(backend).post(`${PROJECT}/environments`, { slug: `gone-${who}`, title: 'Gone', kind: 'development' }),
        'create an environment',
      );
      return `${PROJECT}/environments/gone-${who}`;
    },
    status: 204,
    allowed: PROJECT_MAINTAINERS,
  },
  // Repositories
  {
    method: 'get',
    route: 'GET /orgs/{org}/projects/{project}/repositories',
    path: () => `${PROJECT}/repositories`,
    status: 200,
    allowed: PROJECT_READERS,
  },
  {
    method: 'post',
    route: 'POST /orgs/{org}/projects/{project}/repositories',
    path: () => `${PROJECT}/repositories`,
    body: ({ who }) => ({ url: `https://git.example.com/acme/${who}.git`, purpose: 'app' }),
    status: 201,
    allowed: PROJECT_MAINTAINERS,
  },
  {
    method: 'get',
    route: 'GET /orgs/{org}/projects/{project}/repositories/{id}',
    path: ({ repositoryId }) => `${PROJECT}/repositories/${repositoryId}`,
    status: 200,
    allowed: PROJECT_READERS,
  },
  {
    method: 'post',
    route: 'POST /orgs/{org}/projects/{project}/repositories/{id}/sync',
    path: ({ repositoryId }) => `${PROJECT}/repositories/${repositoryId}/sync`,
    status: 200,
    allowed: PROJECT_MAINTAINERS,
  },
  {
    method: 'delete',
    route: 'DELETE /orgs/{org}/projects/{project}/repositories/{id}',
    path: ({ repositoryId }) => `${PROJECT}/repositories/${repositoryId}`,
    throwaway: async (backend, who) => {
      const { id } = await prepared(
        adminOf(backend).post(`${PROJECT}/repositories`, { url: `https://git.example.com/acme/gone-${who}.git`, purpose: 'app' }),
        'connect a repository',
      );
      return `${PROJECT}/repositories/${id}`;
    },
    status: 204,
    allowed: PROJECT_MAINTAINERS,
  },
  // The audit trail
  { method: 'get', route: 'GET /audit', path: () => '/audit', status: 200, allowed: PLATFORM_ADMINS },
  { method: 'get', route: 'GET /audit?org={org}', path: () => '/audit?org=acme', status: 200, allowed: ORG_ADMINS },
  {
    method: 'get',
    route: 'GET /audit/export?format=csv',
    path: () => '/audit/export?format=csv',
    status: 200,
    allowed: PLATFORM_ADMINS,
  },
  {
    method: 'get',
    route: 'GET /audit/export?format=ndjson&org={org}',
    path: () => '/audit/export?format=ndjson&org=acme',
    status: 200,
    allowed: ORG_ADMINS,
  },
  { method: 'get', route: 'GET /audit/verify', path: () => '/audit/verify', status: 200, allowed: PLATFORM_ADMINS },
  // The caller
  { method: 'get', route: 'GET /me', path: () => '/me', status: 200, allowed: ANYONE },
];

describe('the authorisation matrix', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let backend: JuanieTestBackend;
    let repositoryId: string;

    beforeAll(async () => {
      backend = await startJuanieTestBackend(await databases.init(databaseId));
      await seedAcmeShop(backend);
      const admin = backend.as(platformAdmin);
      await prepared(
        admin.post(`${PROJECT}/environments`, { slug: 'dev', title: 'Development', kind: 'development' }),
        'create environment dev',
      );
      const repository = await prepared(
        admin.post(`${PROJECT}/repositories`, { url: 'https://git.example.com/acme/nowhere.git', purpose: 'gitops' }),
        'connect a repository',
      );
      repositoryId = repository.id;
    });

    describe.each(ENDPOINTS)('$route', endpoint => {
      const responses = new Map<CastMember, Response>();

      /** Everyone asks at once: the requests are independent, and the matrix stays fast. */
      beforeAll(async () => {
        await Promise.all(
          EVERYONE.map(async who => {
            const ctx: CaseContext = { who, repositoryId };
            await endpoint.arrange?.(backend, who);
            const path =
              endpoint.allowed.includes(who) && endpoint.throwaway
                ? await endpoint.throwaway(backend, who)
                : endpoint.path(ctx);
            const body = endpoint.body?.(ctx);
            responses.set(who, await backend.as(who).call(endpoint.method, path, body));
          }),
        );
      });

      const cases = EVERYONE.map(who => {
        const allowed = endpoint.allowed.includes(who);
        const sees = seenBy(endpoint.route).includes(who);
        const refusal = sees ? '403' : '404, as if it did not exist';
        return { who, allowed, sees, name: allowed ? `${who} may` : `${who} may not (${refusal})` };
      });

      it.each(cases)('$name', ({ who, allowed, sees }) => {
        const { status, body } = responses.get(who)!;
        let expected: object = { status: endpoint.status };
        if (!allowed) {
          expected = sees
            ? { status: 403, body: { error: { name: 'NotAllowedError' } } }
            : { status: 404, body: { error: { name: 'NotFoundError' } } };
        }
        expect({ status, body }).toMatchObject(expected);
      });
    });
  });
});
