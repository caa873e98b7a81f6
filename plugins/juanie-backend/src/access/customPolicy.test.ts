import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { AuthorizeResult, isResourcePermission, PolicyDecision } from '@backstage/plugin-permission-common';
import { PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { approvalRuleSchema, JUANIE_PROJECT_RESOURCE_TYPE } from '@juanie/plugin-juanie-common';
import { juanieProjectConditions } from '@juanie/plugin-juanie-node';
import { JuaniePermissionPolicy } from '@juanie/plugin-permission-backend-module-juanie';
import { DeploymentStore } from '../deployments/DeploymentStore';
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
    /** A request waiting for a maintainer's vote in each project, by project. */
    const pending: Record<string, string> = {};

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      backend = await startJuanieTestBackend(knex, {}, { policy: adopterPolicy });
      await seedAcmeShop(backend);
      await seedProject(backend, 'acme', 'secret');
      // Written straight to the database: the inbox only reads them (no GitOps needed).
      const store = new DeploymentStore(knex);
      for (const project of ['shop', 'secret']) {
        const path = `/orgs/acme/projects/${project}/environments`;
        expectSuccess(await backend.as(CAST.orgOwner).post(path, { slug: 'staging', title: 'Staging', kind: 'staging' }), `POST ${path}`);
        const env = await knex('environments')
          .join('projects', 'projects.id', 'environments.project_id')
          .where({ 'projects.slug': project })
          .first('environments.id', 'environments.project_id');
        pending[project] = await knex.transaction(trx =>
          store.insert(trx, {
            projectId: env.project_id,
            environmentId: env.id,
            method: 'juanie',
            status: 'pending_approval',
            requestedBy: userRef(CAST.developer),
            changes: { replicas: 2 },
            message: `a change to ${project}`,
            expiresAt: new Date(Date.now() + 3600_000),
            approvalRule: approvalRuleSchema.parse({ requiredApprovals: 1 }),
          }),
        );
      }
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

      // The approvals inbox asks the same policy: only the request in the project they see.
      const inbox = expectSuccess(await hidden.get('/approvals'), 'GET /approvals').body;
      expect(inbox.items.map((d: { id: string }) => d.id)).toEqual([pending.shop]);
      expect((await hidden.get(`/deployments/${pending.secret}`)).status).toBe(404);
    });

    it('leaves everyone else as Juanie decides', async () => {
      const owner = backend.as(CAST.orgOwner);
      expect(slugsOf(expectSuccess(await owner.get('/projects'), 'GET /projects').body.items)).toEqual(['acme/secret', 'acme/shop']);
      expect((await owner.get('/orgs/acme/projects/secret')).status).toBe(200);
      const inbox = expectSuccess(await owner.get('/approvals'), 'GET /approvals').body;
      expect(inbox.items.map((d: { id: string }) => d.id).sort()).toEqual([pending.secret, pending.shop].sort());
      // A project member still sees only their projects, through the same query.
      const viewer = backend.as(CAST.viewer);
      expect(slugsOf(expectSuccess(await viewer.get('/projects'), 'GET /projects').body.items)).toEqual(['acme/secret', 'acme/shop']);
      expect(slugsOf(expectSuccess(await backend.as(CAST.outsider).get('/projects'), 'GET /projects').body.items)).toEqual([]);
    });

  });
});
