import { Knex } from 'knex';
import { auditRowsAfter, lastAuditId } from '../testing/databaseState';
import { CAST, expectSuccess, seedAcmeShop } from '../testing/seededOrganization';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { JuanieTestBackend, startJuanieTestBackend } from '../testing/testBackend';

jest.setTimeout(120_000);

const { maintainer, orgAdmin, developer } = CAST;
const ORG_SCOPE = { org: 'acme' };
const PROJECT_SCOPE = { org: 'acme', project: 'shop' };
const PROD_SCOPE = { org: 'acme', project: 'shop', environment: 'prod' };
const DEV_SCOPE = { org: 'acme', project: 'shop', environment: 'dev' };
const policyIn = (scope: object, title: string, extra: object = {}) => ({
  scope,
  title,
  type: 'requireDigest',
  ...extra,
});

describe('the policies API', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let backend: JuanieTestBackend;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startJuanieTestBackend(knex);
      await seedAcmeShop(backend);
      for (const [slug, kind] of [['dev', 'development'], ['prod', 'production']]) {
        const env = { slug, title: slug, kind };
        // Production is a protected kind: an organisation admin creates it (maintainers may not set its approval rule).
        expectSuccess(await backend.as(orgAdmin).post('/orgs/acme/projects/shop/environments', env), `create ${slug}`);
      }
    });

    afterEach(() => knex('policies').delete());

    it('creates an environment policy, audits it, and reads it back', async () => {
      const since = await lastAuditId(knex);
      const body = policyIn(PROD_SCOPE, 'Pinned images', { description: 'Digests only in prod', enforcement: 'warn' });
      const created = await backend.as(maintainer).post('/policies', body);

      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        scope: PROD_SCOPE,
        title: 'Pinned images',
        description: 'Digests only in prod',
        type: 'requireDigest',
        params: {},
        enforcement: 'warn',
        enabled: true,
        createdBy: 'user:default/maintainer',
        createdAt: expect.any(String),
        updatedBy: 'user:default/maintainer',
        updatedAt: expect.any(String),
      });
      expect((await backend.as(developer).get(`/policies/${created.body.id}`)).body).toEqual(created.body);
      const [event] = await auditRowsAfter(knex, since);
      expect(event).toMatchObject({
        action: 'policy.create',
        outcome: 'success',
        resource_type: 'policy',
        resource_id: created.body.id,
        org: 'acme',
        project: 'shop',
        message: "Created warn policy 'Pinned images' (requireDigest) on acme/shop/prod",
      });
      expect(JSON.parse(event.after!)).toEqual(created.body);
    });

    it('audits a change with before and after, and a deletion with before', async () => {
      const { id } = (await backend.as(orgAdmin).post('/policies', policyIn(ORG_SCOPE, 'Org digests'))).body;
      const since = await lastAuditId(knex);

      const changed = await backend.as(orgAdmin).patch(`/policies/${id}`, { type: 'maxReplicas', params: { max: 5 }, enabled: false });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ type: 'maxReplicas', params: { max: 5 }, enabled: false, updatedBy: 'user:default/org-admin' });
      expect((await backend.as(orgAdmin).delete(`/policies/${id}`)).status).toBe(204);
      expect((await backend.as(orgAdmin).get(`/policies/${id}`)).status).toBe(404);

      const [update, deletion] = await auditRowsAfter(knex, since);
      expect(update).toMatchObject({ action: 'policy.update', outcome: 'success', org: 'acme', project: null });
      expect(JSON.parse(update.before!)).toMatchObject({ type: 'requireDigest', enabled: true });
      expect(JSON.parse(update.after!)).toMatchObject({ type: 'maxReplicas', enabled: false });
      expect(deletion).toMatchObject({ action: 'policy.delete', outcome: 'success', message: "Deleted policy 'Org digests' (maxReplicas) on acme" });
      expect(JSON.parse(deletion.before!)).toMatchObject({ id });
    });

    it('audits a refused change as denied, with the policy it was about', async () => {
      const { id } = (await backend.as(maintainer).post('/policies', policyIn(PROJECT_SCOPE, 'Shop digests'))).body;
      const since = await lastAuditId(knex);

      const refused = await backend.as(developer).patch(`/policies/${id}`, { enabled: false });

      expect(refused.status).toBe(403);
      expect(await auditRowsAfter(knex, since)).toMatchObject([
        { action: 'policy.update', outcome: 'denied', actor_ref: 'user:default/developer', resource_id: id, org: 'acme', project: 'shop' },
      ]);
    });

    it('lists by scope, and the effective policies of an environment, inherited first and enabled only', async () => {
      const add = async (scope: object, title: string, extra: object = {}) =>
        expectSuccess(await backend.as(orgAdmin).post('/policies', policyIn(scope, title, extra)), title);
      await add(PROD_SCOPE, 'Prod');
      await add(DEV_SCOPE, 'Dev');
      await add(PROJECT_SCOPE, 'Shop');
      await add(ORG_SCOPE, 'Acme');
      await add(ORG_SCOPE, 'Acme, disabled', { enabled: false });
      const titles = async (query: string) =>
        (await backend.as(developer).get(`/policies?${query}`)).body.items.map((p: { title: string }) => p.title);

      expect(await titles('effectiveFor=acme/shop/prod')).toEqual(['Acme', 'Shop', 'Prod']);
      expect(await titles('effectiveFor=acme/shop/dev')).toEqual(['Acme', 'Shop', 'Dev']);
      expect(await titles('org=acme')).toEqual(['Acme', 'Acme, disabled', 'Shop', 'Prod', 'Dev']);
      expect(await titles('org=acme&project=shop')).toEqual(['Shop', 'Prod', 'Dev']);
      expect(await titles('org=acme&project=shop&environment=prod')).toEqual(['Prod']);
    });

    it('describes the rule types a policy can use, with a JSON Schema of their params', async () => {
      const { body } = await backend.as(developer).get('/policy-rule-types');
      expect(body.items.map((t: { type: string }) => t.type)).toEqual([
        'noLatestTag', 'requireDigest', 'allowedRegistries', 'requireResources', 'maxReplicas', 'requiredLabels', 'freezeWindow', 'minApprovals',
      ]);
      expect(body.items.find((t: { type: string }) => t.type === 'maxReplicas')).toMatchObject({
        title: 'Maximum replicas',
        builtIn: true,
        paramsSchema: { type: 'object', properties: { max: { type: 'integer' } }, required: ['max'] },
      });
    });
  });
});
