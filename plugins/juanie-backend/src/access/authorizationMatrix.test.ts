import { Knex } from 'knex';
import { Response } from 'supertest';
import { gitopsFiles, STAGING_DEPLOYMENT } from '../deployments/testing/deploymentFixture';
import { createBareRepository } from '../gitops/testing/bareRepository';
import { juanieContract } from '@juanie/plugin-juanie-common';
import { eventually } from '../testing/eventually';
import { claimLocalRepository } from '../testing/repositoryClaims';
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
import {
  HttpMethod,
  JuanieTestBackend,
  startJuanieTestBackend,
  TEST_PLATFORM_ADMIN,
} from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(120_000);

const { orgOwner, orgAdmin, platformAdmin, projectOwner, maintainer, developer, outsider, strangerOwner } = CAST;

/** Who may do what, in the words of the role matrix. */
const ANYONE = EVERYONE;
/**
 * In the organisation directly, through a team, or through one of its projects: not the outsider
 * (in no organisation) nor the owner of the other organisation.
 */
const IN_THE_ORG = EVERYONE.filter(person => person !== outsider && person !== strangerOwner);
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
/** Who may request deployments: developers, directly or through team `web`, and above. */
const PROJECT_DEVELOPERS = [...PROJECT_MAINTAINERS, developer, CAST.teamDeveloper];
const PLATFORM_ADMINS = [platformAdmin];
/** The scaffolder only: no person. */
const NOBODY: CastMember[] = [];

/**
 * Who sees what an endpoint is about: a refused person who cannot see it gets the 404 of a name
 * that does not exist (so names cannot be probed), one who sees it a 403.
 */
function seenBy({ route, seenBy: seen }: Pick<Endpoint, 'route' | 'seenBy'>): CastMember[] {
  if (seen) return seen;
  if (route.includes('/orgs/{org}/projects/{project}')) return PROJECT_READERS;
  if (route.includes('/orgs/{org}')) return IN_THE_ORG;
  return ANYONE;
}

/** What a request may use: who sends it, and the fixture's ids. */
interface CaseContext {
  who: CastMember;
  repositoryId: string;
  /** A deployment to `gated` that waits for a vote, requested by the developer. */
  pendingId: string;
  /** A committed deployment to `gated`, which can be rolled back. */
  committedId: string;
  /** A (disabled) policy of project shop. */
  policyId: string;
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
  /**
   * The status of an allowed request: its success, or for the Flux actions the 409 of a
   * backend without a cluster (the matrix has none; the Flux tests have one).
   */
  status: 200 | 201 | 204 | 409;
  allowed: CastMember[];
  /** Who sees what the endpoint is about, when its route does not say (ids, query strings). */
  seenBy?: CastMember[];
}

const ORG = '/orgs/acme';
const PROJECT = `${ORG}/projects/shop`;
/** An environment with a GitOps target whose deployments wait for one maintainer's vote. */
const GATED = `${PROJECT}/environments/gated`;
const PROJECT_POLICY = { org: 'acme', project: 'shop' };
/** Disabled, so that the policies the matrix creates never refuse its deployments. */
const policyBody = (title: string) => ({ scope: PROJECT_POLICY, title, type: 'requireDigest', enabled: false });
const ref = (name: string) => encodeURIComponent(userRef(name));
const adminOf = (backend: JuanieTestBackend) => backend.as(platformAdmin);
const prepared = async (request: PromiseLike<Response>, what: string) =>
  expectSuccess(await request, what).body;
/** A deployment request to `gated`, by the developer: it waits for a vote. */
const requestedByDeveloper = async (backend: JuanieTestBackend) =>
  (await prepared(backend.as(developer).post(`${GATED}/deployments`, { changes: { replicas: 3 } }), 'request a deployment'))
    .id as string;

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
  {
    // The scaffolder's alone (its own tests call it as the scaffolder): a person is refused, even
    // an organisation owner.
    method: 'post',
    route: 'POST /orgs/{org}/repository-claims',
    path: () => `${ORG}/repository-claims`,
    body: ({ who }) => ({ url: `file:///tmp/claimed-by-${who}.git` }),
    status: 201,
    allowed: NOBODY,
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
  // Policies (of project shop)
  { method: 'get', route: 'GET /policy-rule-types', path: () => '/policy-rule-types', status: 200, allowed: ANYONE },
  {
    method: 'get',
    route: 'GET /policies?org={org}&project={project}',
    path: () => '/policies?org=acme&project=shop',
    status: 200,
    allowed: PROJECT_READERS,
    seenBy: PROJECT_READERS,
  },
  {
    method: 'post',
    route: 'POST /policies',
    path: () => '/policies',
    body: ({ who }) => policyBody(`Policy of ${who}`),
    status: 201,
    allowed: PROJECT_MAINTAINERS,
    seenBy: PROJECT_READERS,
  },
  {
    method: 'get',
    route: 'GET /policies/{id}',
    path: ({ policyId }) => `/policies/${policyId}`,
    status: 200,
    allowed: PROJECT_READERS,
    seenBy: PROJECT_READERS,
  },
  {
    method: 'get',
    route: 'GET /policies/{id}/decisions',
    path: ({ policyId }) => `/policies/${policyId}/decisions`,
    status: 200,
    allowed: PROJECT_READERS,
    seenBy: PROJECT_READERS,
  },
  {
    method: 'patch',
    route: 'PATCH /policies/{id}',
    path: ({ policyId }) => `/policies/${policyId}`,
    body: () => ({ title: 'The project policy' }),
    status: 200,
    allowed: PROJECT_MAINTAINERS,
    seenBy: PROJECT_READERS,
  },
  {
    method: 'delete',
    route: 'DELETE /policies/{id}',
    path: ({ policyId }) => `/policies/${policyId}`,
    throwaway: async (backend, who) => {
      const { id } = await prepared(adminOf(backend).post('/policies', policyBody(`Doomed of ${who}`)), 'create a policy');
      return `/policies/${id}`;
    },
    status: 204,
    allowed: PROJECT_MAINTAINERS,
    seenBy: PROJECT_READERS,
  },
  // Deployments (to `gated`, where they wait for a vote: nothing is committed behind the matrix's back)
  {
    method: 'post',
    route: 'POST /orgs/{org}/projects/{project}/environments/{env}/deployments/preview',
    path: () => `${GATED}/deployments/preview`,
    body: () => ({ changes: { replicas: 4 } }),
    status: 200,
    allowed: PROJECT_DEVELOPERS,
  },
  {
    method: 'post',
    route: 'POST /orgs/{org}/projects/{project}/environments/{env}/deployments',
    path: () => `${GATED}/deployments`,
    body: () => ({ changes: { replicas: 4 } }),
    status: 201,
    allowed: PROJECT_DEVELOPERS,
  },
  {
    method: 'get',
    route: 'GET /orgs/{org}/projects/{project}/deployments',
    path: () => `${PROJECT}/deployments`,
    status: 200,
    allowed: PROJECT_READERS,
  },
  {
    method: 'get',
    route: 'GET /deployments/{id}',
    path: ({ pendingId }) => `/deployments/${pendingId}`,
    status: 200,
    allowed: PROJECT_READERS,
    seenBy: PROJECT_READERS,
  },
  {
    method: 'get',
    route: 'GET /deployments/{id}/diff',
    path: ({ pendingId }) => `/deployments/${pendingId}/diff`,
    status: 200,
    allowed: PROJECT_READERS,
    seenBy: PROJECT_READERS,
  },
  {
    // `gated` lists no approvers: the project's maintainers vote. A rejection keeps the gate shut.
    method: 'post',
    route: 'POST /deployments/{id}/approvals',
    path: ({ pendingId }) => `/deployments/${pendingId}/approvals`,
    body: () => ({ decision: 'reject', comment: 'Not now' }),
    throwaway: async backend => `/deployments/${await requestedByDeveloper(backend)}/approvals`,
    status: 200,
    allowed: PROJECT_MAINTAINERS,
    seenBy: PROJECT_READERS,
  },
  {
    // The requester (the developer) or a maintainer.
    method: 'post',
    route: 'POST /deployments/{id}/cancel',
    path: ({ pendingId }) => `/deployments/${pendingId}/cancel`,
    body: () => ({}),
    throwaway: async backend => `/deployments/${await requestedByDeveloper(backend)}/cancel`,
    status: 200,
    allowed: [...PROJECT_MAINTAINERS, developer],
    seenBy: PROJECT_READERS,
  },
  {
    method: 'post',
    route: 'POST /deployments/{id}/rollback',
    path: ({ committedId }) => `/deployments/${committedId}/rollback`,
    body: () => ({}),
    status: 201,
    allowed: PROJECT_DEVELOPERS,
    seenBy: PROJECT_READERS,
  },
  { method: 'get', route: 'GET /approvals', path: () => '/approvals', status: 200, allowed: ANYONE },
  // GitOps and clusters. The matrix's backend has no cluster: an allowed Flux action answers a 409
  // (reconcile, suspend, resume: no Flux object of `gated` found; the Flux objects themselves:
  // no cluster configured) and changes nothing. The Flux tests run them against a cluster.
  {
    method: 'get',
    route: 'GET /orgs/{org}/projects/{project}/gitops',
    path: () => `${PROJECT}/gitops`,
    status: 200,
    allowed: PROJECT_READERS,
  },
  {
    method: 'post',
    route: 'POST /orgs/{org}/projects/{project}/environments/{env}/gitops/reconcile',
    path: () => `${GATED}/gitops/reconcile`,
    status: 409,
    allowed: PROJECT_DEVELOPERS,
  },
  {
    method: 'post',
    route: 'POST /orgs/{org}/projects/{project}/environments/{env}/gitops/suspend',
    path: () => `${GATED}/gitops/suspend`,
    status: 409,
    allowed: PROJECT_MAINTAINERS,
  },
  {
    method: 'post',
    route: 'POST /orgs/{org}/projects/{project}/environments/{env}/gitops/resume',
    path: () => `${GATED}/gitops/resume`,
    status: 409,
    allowed: PROJECT_MAINTAINERS,
  },
  {
    method: 'put',
    route: 'PUT /orgs/{org}/projects/{project}/environments/{env}/gitops/flux',
    path: () => `${GATED}/gitops/flux`,
    status: 409,
    allowed: PROJECT_MAINTAINERS,
  },
  {
    method: 'delete',
    route: 'DELETE /orgs/{org}/projects/{project}/environments/{env}/gitops/flux',
    path: () => `${GATED}/gitops/flux`,
    status: 409,
    allowed: PROJECT_MAINTAINERS,
  },
  { method: 'get', route: 'GET /clusters', path: () => '/clusters', status: 200, allowed: ANYONE },
  {
    method: 'post',
    route: 'POST /gitops/validate',
    path: () => '/gitops/validate',
    body: () => ({ files: { 'deployment.yaml': STAGING_DEPLOYMENT } }),
    status: 200,
    allowed: ANYONE,
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
  { method: 'post', route: 'POST /audit/verify', path: () => '/audit/verify', status: 200, allowed: PLATFORM_ADMINS },
  { method: 'get', route: 'GET /audit/verification', path: () => '/audit/verification', status: 200, allowed: PLATFORM_ADMINS },
  {
    method: 'post',
    route: 'POST /orgs/{org}/audit/verify',
    path: () => `${ORG}/audit/verify`,
    status: 200,
    allowed: ORG_OWNERS,
  },
  {
    method: 'get',
    route: 'GET /orgs/{org}/audit/verification',
    path: () => `${ORG}/audit/verification`,
    status: 200,
    allowed: ORG_ADMINS,
  },
  { method: 'get', route: 'GET /audit/scope', path: () => '/audit/scope', status: 200, allowed: ANYONE },
  // The caller, and the service
  { method: 'get', route: 'GET /me', path: () => '/me', status: 200, allowed: ANYONE },
  { method: 'get', route: 'GET /me/attention', path: () => '/me/attention', status: 200, allowed: ANYONE },
  { method: 'get', route: 'GET /health', path: () => '/health', status: 200, allowed: ANYONE },
  // The catalog provider's source: Backstage services only, never a person.
  { method: 'get', route: 'GET /catalog-source', path: () => '/catalog-source', status: 200, allowed: NOBODY },
];

/** `GET /audit?org={org}` is route `get /audit`; `{user}` reads `{userRef}` as in the document. */
const operationOf = (route: string) => {
  const [method, path] = route.split(' ');
  return `${method.toLowerCase()} ${path.split('?')[0].replace('{user}', '{userRef}')}`;
};

const contractRoutes = Object.values(juanieContract).map(op => `${op.method} ${op.path}`);

describe('the authorisation matrix is complete', () => {
  it('has an entry for every operation of the contract', () => {
    const covered = new Set(ENDPOINTS.map(endpoint => operationOf(endpoint.route)));
    expect(contractRoutes.filter(op => !covered.has(op))).toEqual([]);
  });

  it('names only operations of the contract', () => {
    const defined = new Set(contractRoutes);
    expect(ENDPOINTS.map(endpoint => operationOf(endpoint.route)).filter(op => !defined.has(op))).toEqual([]);
  });
});

describe('the authorisation matrix', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let backend: JuanieTestBackend;
    let knex: Knex;
    const ids = { repositoryId: '', pendingId: '', committedId: '', policyId: '' };

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const gitopsRepository = await createBareRepository(gitopsFiles(['gated']));
      backend = await startJuanieTestBackend(knex, {
        juanie: {
          platformAdmins: [TEST_PLATFORM_ADMIN],
          jobs: { pollIntervalMs: 200 },
          gitops: { cacheDir: `${gitopsRepository.url.slice('file://'.length)}-cache-matrix` },
        },
      });
      await seedAcmeShop(backend);
      // The other tenant: the stranger owns organisation elsewhere, and nothing of acme.
      await prepared(backend.as(strangerOwner).post('/orgs', { slug: 'elsewhere', title: 'Elsewhere' }), 'create elsewhere');
      const admin = backend.as(platformAdmin);
      await prepared(
        admin.post(`${PROJECT}/environments`, { slug: 'dev', title: 'Development', kind: 'development' }),
        'create environment dev',
      );
      const repository = await prepared(
        admin.post(`${PROJECT}/repositories`, { url: 'https://git.example.com/acme/nowhere.git', purpose: 'gitops' }),
        'connect a repository',
      );
      ids.repositoryId = repository.id;
      await claimLocalRepository(knex, 'acme', gitopsRepository.url);
      const gitops = await prepared(
        admin.post(`${PROJECT}/repositories`, { url: gitopsRepository.url, purpose: 'gitops' }),
        'connect the GitOps repository',
      );
      await prepared(
        admin.post(`${PROJECT}/environments`, {
          slug: 'gated',
          title: 'Gated',
          kind: 'staging',
          namespace: 'shop-gated',
          approval: { requiredApprovals: 1 },
          gitops: { repositoryId: gitops.id, branch: 'main', path: 'apps/shop/gated' },
        }),
        'create environment gated',
      );
      // A committed deployment, for rollbacks: requested by the developer, approved by the maintainer.
      ids.committedId = await requestedByDeveloper(backend);
      await prepared(
        backend.as(maintainer).post(`/deployments/${ids.committedId}/approvals`, { decision: 'approve' }),
        'approve the deployment',
      );
      await eventually(
        async () => (await prepared(admin.get(`/deployments/${ids.committedId}`), 'read the deployment')).status,
        status => ['committed', 'reconciling', 'succeeded'].includes(status),
      );
      ids.pendingId = await requestedByDeveloper(backend);
      ids.policyId = (await prepared(admin.post('/policies', policyBody('The project policy')), 'create a policy')).id;
    });

    describe.each(ENDPOINTS)('$route', endpoint => {
      const responses = new Map<CastMember, Response>();

      /** Everyone asks at once: the requests are independent, and the matrix stays fast. */
      beforeAll(async () => {
        await Promise.all(
          EVERYONE.map(async who => {
            const ctx: CaseContext = { who, ...ids };
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
        const sees = seenBy(endpoint).includes(who);
        const refusal = sees ? '403' : '404, as if it did not exist';
        return { who, allowed, sees, name: allowed ? `${who} may` : `${who} may not (${refusal})` };
      });

      it.each(cases)('$name', ({ who, allowed, sees }) => {
        const { status, body } = responses.get(who)!;
        let expected: object = { status: endpoint.status };
        // A documented conflict (no cluster), not some other failure.
        if (endpoint.status === 409) expected = { status: 409, body: { error: { name: 'ConflictError' } } };
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
