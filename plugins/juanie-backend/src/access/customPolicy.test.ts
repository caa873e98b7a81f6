import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { AuthorizeResult, isResourcePermission, PolicyDecision } from '@backstage/plugin-permission-common';
import { PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { JUANIE_PROJECT_RESOURCE_TYPE } from '@juanie/plugin-juanie-common';
import { juanieProjectConditions } from '@juanie/plugin-juanie-node';
import { JuaniePermissionPolicy } from '@juanie/plugin-permission-backend-module-juanie';
import { CAST, expectSuccess, seedAcmeShop, seedProject, userRef } from '../testing/seededOrganization';
import { JuanieTestBackend, startJuanieTestBackend, TEST_PLATFORM_ADMIN } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(120_000);

/** The person the adopter's policy hides project `acme/secret` from: an organisation admin. */
const HIDDEN_FROM = userRef(CAST.orgAdmin);
const SECRET = 'acme/secret';

/**
 * An adopter's policy in front of Juanie's, as the permission module's README shows: Juanie's
 * role matrix decides, and the adopter narrows reading projects for one person by a condition
 * (the only way a policy can single out a resource in a list: lists ask without one).
 */
const adopterPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'adopter-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        const juanie = new JuaniePermissionPolicy({
          userInfo,
          platformAdmins: [TEST_PLATFORM_ADMIN],
          fallback: { handle: async () => ({ result: AuthorizeResult.ALLOW }) },
        });
        policy.setPolicy({
          async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
            const decision = await juanie.handle(request, user);
            const { permission } = request;
            if (
              user?.info.userEntityRef !== HIDDEN_FROM ||
              !isResourcePermission(permission, JUANIE_PROJECT_RESOURCE_TYPE) ||
              decision.result !== AuthorizeResult.CONDITIONAL
            ) {
              return decision;
            }
            return {
              ...decision,
              conditions: { allOf: [decision.conditions, { not: juanieProjectConditions.isProject({ refs: [SECRET] }) }] },
            };
          },
        });
      },
    });
  },
});

describe('an adopter policy that hides one project from one person', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let backend: JuanieTestBackend;

    beforeAll(async () => {
      backend = await startJuanieTestBackend(await databases.init(databaseId), {}, { policy: adopterPolicy });
      await seedAcmeShop(backend);
      await seedProject(backend, 'acme', 'secret');
    });
    afterAll(() => backend?.stop());

    const slugsOf = (items: Array<{ org: string; slug: string }>) => items.map(p => `${p.org}/${p.slug}`);

    it('keeps it out of every list, and its pages answer as if it did not exist', async () => {
      const hidden = backend.as(CAST.orgAdmin);
      const all = expectSuccess(await hidden.get('/projects'), 'GET /projects').body;
      expect(slugsOf(all.items)).toEqual(['acme/shop']);
      const ofAcme = expectSuccess(await hidden.get('/orgs/acme/projects'), 'GET /orgs/acme/projects').body;
      expect(slugsOf(ofAcme.items)).toEqual(['acme/shop']);
      // Page by page, the filter is the query's: no page comes back short or with the project.
      const first = expectSuccess(await hidden.get('/projects?limit=1'), 'first page').body;
      expect(slugsOf(first.items)).toEqual(['acme/shop']);
      expect(first.nextCursor).toBeUndefined();

      expect((await hidden.get('/orgs/acme/projects/secret')).status).toBe(404);
      expect((await hidden.get('/orgs/acme/projects/secret/deployments')).status).toBe(404);
      expect((await hidden.get('/orgs/acme/projects/shop')).status).toBe(200);
    });

    it('leaves everyone else as Juanie decides', async () => {
      const owner = backend.as(CAST.orgOwner);
      expect(slugsOf(expectSuccess(await owner.get('/projects'), 'GET /projects').body.items)).toEqual(['acme/secret', 'acme/shop']);
      expect((await owner.get('/orgs/acme/projects/secret')).status).toBe(200);
      // A project member still sees only their projects, through the same query.
      const viewer = backend.as(CAST.viewer);
      expect(slugsOf(expectSuccess(await viewer.get('/projects'), 'GET /projects').body.items)).toEqual(['acme/secret', 'acme/shop']);
      expect(slugsOf(expectSuccess(await backend.as(CAST.outsider).get('/projects'), 'GET /projects').body.items)).toEqual([]);
    });

  });
});
