import { Response } from 'supertest';
import { CAST, CastMember, EVERYONE, expectSuccess, seedAcmeShop } from '../testing/seededOrganization';
import { HttpMethod } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { JuanieTestBackend, startJuanieTestBackend } from '../testing/testBackend';

jest.setTimeout(120_000);

const { orgOwner, orgAdmin, platformAdmin, projectOwner, maintainer, outsider, strangerOwner } = CAST;
/** In the organisation directly, through a team, or through one of its projects. */
const IN_THE_ORG = EVERYONE.filter(person => person !== outsider && person !== strangerOwner);
const ORG_ADMINS = [orgOwner, orgAdmin, platformAdmin];
const PROJECT_MAINTAINERS = [...ORG_ADMINS, projectOwner, maintainer];
const PROJECT_READERS = [...PROJECT_MAINTAINERS, CAST.developer, CAST.viewer, CAST.teamDeveloper];

const ORG_SCOPE = { org: 'acme' };
const PROJECT_SCOPE = { org: 'acme', project: 'shop' };
const ENV_SCOPE = { org: 'acme', project: 'shop', environment: 'prod' };
const policyIn = (scope: object, title = 'Policy') => ({ scope, title, type: 'maxReplicas', params: { max: 3 } });

/** The fixture's policies, by scope. */
interface Fixture {
  orgPolicy: string;
  projectPolicy: string;
  envPolicy: string;
}

interface Endpoint {
  route: string;
  method: HttpMethod;
  path: (fixture: Fixture) => string;
  body?: (who: CastMember) => object;
  /** For deletions: makes a policy (as the platform admin) for an allowed person to delete. */
  throwaway?: (backend: JuanieTestBackend, who: CastMember) => Promise<string>;
  status: 200 | 201 | 204;
  allowed: CastMember[];
  /** Who sees the policy's scope: a refused person who does not gets a 404, as if it did not exist. */
  seenBy: CastMember[];
}

const throwawayIn = (scope: object) => async (backend: JuanieTestBackend, who: CastMember) => {
  const created = await backend.as(platformAdmin).post('/policies', policyIn(scope, `Doomed for ${who}`));
  return `/policies/${expectSuccess(created, 'create a throwaway policy').body.id}`;
};

const ENDPOINTS: Endpoint[] = [
  { route: 'GET /policy-rule-types', method: 'get', path: () => '/policy-rule-types', status: 200, allowed: EVERYONE, seenBy: EVERYONE },
  { route: 'POST /policies (organisation)', method: 'post', path: () => '/policies', body: who => policyIn(ORG_SCOPE, who), status: 201, allowed: ORG_ADMINS, seenBy: IN_THE_ORG },
  { route: 'POST /policies (project)', method: 'post', path: () => '/policies', body: who => policyIn(PROJECT_SCOPE, who), status: 201, allowed: PROJECT_MAINTAINERS, seenBy: PROJECT_READERS },
  { route: 'POST /policies (environment)', method: 'post', path: () => '/policies', body: who => policyIn(ENV_SCOPE, who), status: 201, allowed: PROJECT_MAINTAINERS, seenBy: PROJECT_READERS },
  { route: 'GET /policies?org', method: 'get', path: () => '/policies?org=acme', status: 200, allowed: IN_THE_ORG, seenBy: IN_THE_ORG },
  { route: 'GET /policies?org&project', method: 'get', path: () => '/policies?org=acme&project=shop', status: 200, allowed: PROJECT_READERS, seenBy: PROJECT_READERS },
  { route: 'GET /policies?effectiveFor', method: 'get', path: () => '/policies?effectiveFor=acme/shop/prod', status: 200, allowed: PROJECT_READERS, seenBy: PROJECT_READERS },
  { route: 'GET /policies/{organisation policy}', method: 'get', path: f => `/policies/${f.orgPolicy}`, status: 200, allowed: IN_THE_ORG, seenBy: IN_THE_ORG },
  { route: 'GET /policies/{environment policy}', method: 'get', path: f => `/policies/${f.envPolicy}`, status: 200, allowed: PROJECT_READERS, seenBy: PROJECT_READERS },
  { route: 'PATCH /policies/{organisation policy}', method: 'patch', path: f => `/policies/${f.orgPolicy}`, body: () => ({ enforcement: 'warn' }), status: 200, allowed: ORG_ADMINS, seenBy: IN_THE_ORG },
  { route: 'PATCH /policies/{project policy}', method: 'patch', path: f => `/policies/${f.projectPolicy}`, body: () => ({ enabled: false }), status: 200, allowed: PROJECT_MAINTAINERS, seenBy: PROJECT_READERS },
  { route: 'DELETE /policies/{organisation policy}', method: 'delete', path: f => `/policies/${f.orgPolicy}`, throwaway: throwawayIn(ORG_SCOPE), status: 204, allowed: ORG_ADMINS, seenBy: IN_THE_ORG },
  { route: 'DELETE /policies/{environment policy}', method: 'delete', path: f => `/policies/${f.envPolicy}`, throwaway: throwawayIn(ENV_SCOPE), status: 204, allowed: PROJECT_MAINTAINERS, seenBy: PROJECT_READERS },
];

describe('who may read and change policies', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let backend: JuanieTestBackend;
    const fixture = {} as Fixture;

    beforeAll(async () => {
      backend = await startJuanieTestBackend(await databases.init(databaseId));
      await seedAcmeShop(backend);
      const admin = backend.as(platformAdmin);
      const env = { slug: 'prod', title: 'Production', kind: 'production' };
      expectSuccess(await admin.post('/orgs/acme/projects/shop/environments', env), 'create environment prod');
      const create = async (scope: object) => expectSuccess(await admin.post('/policies', policyIn(scope)), 'create a policy').body.id;
      fixture.orgPolicy = await create(ORG_SCOPE);
      fixture.projectPolicy = await create(PROJECT_SCOPE);
      fixture.envPolicy = await create(ENV_SCOPE);
    });

    describe.each(ENDPOINTS)('$route', endpoint => {
      const responses = new Map<CastMember, Response>();

      beforeAll(async () => {
        await Promise.all(
          EVERYONE.map(async who => {
            const allowed = endpoint.allowed.includes(who);
            const path = allowed && endpoint.throwaway ? await endpoint.throwaway(backend, who) : endpoint.path(fixture);
            responses.set(who, await backend.as(who).call(endpoint.method, path, endpoint.body?.(who)));
          }),
        );
      });

      it.each(EVERYONE.map(who => ({ who, allowed: endpoint.allowed.includes(who), sees: endpoint.seenBy.includes(who) })))(
        '$who: allowed=$allowed',
        ({ who, allowed, sees }) => {
          const { status, body } = responses.get(who)!;
          let expected: object = { status: endpoint.status };
          if (!allowed) {
            expected = sees
              ? { status: 403, body: { error: { name: 'NotAllowedError' } } }
              : { status: 404, body: { error: { name: 'NotFoundError' } } };
          }
          expect({ status, body }).toMatchObject(expected);
        },
      );
    });

    it('shows an organisation member the organisation’s policies but not those of projects they cannot read', async () => {
      const titles = async (who: CastMember) =>
        (await backend.as(who).get('/policies?org=acme')).body.items.map((p: { scope: object }) => p.scope);
      expect(await titles(CAST.orgMember)).toEqual(expect.not.arrayContaining([PROJECT_SCOPE, ENV_SCOPE]));
      expect(await titles(CAST.orgMember)).toContainEqual(ORG_SCOPE);
      expect(await titles(maintainer)).toEqual(expect.arrayContaining([ORG_SCOPE, PROJECT_SCOPE, ENV_SCOPE]));
    });
  });
});
