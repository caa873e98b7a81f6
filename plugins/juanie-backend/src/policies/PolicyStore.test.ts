import { Knex } from 'knex';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { PolicyFields, PolicyStore } from './PolicyStore';
import { seedPolicyScopes } from './__testUtils__/policyFixtures';

jest.setTimeout(60_000);

const fields = (title: string, overrides: Partial<PolicyFields> = {}): PolicyFields => ({
  type: 'maxReplicas',
  params: { max: 3 },
  enforcement: 'enforce',
  enabled: true,
  title,
  description: '',
  ...overrides,
});

describe('PolicyStore', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let store: PolicyStore;
    let ids: Awaited<ReturnType<typeof seedPolicyScopes>>;
    let n = 0;

    /** Adds a policy at the scope, one millisecond apart so their order is known. */
    const add = async (title: string, scope: { projectId?: string; environmentId?: string; organizationId?: string }, overrides = {}) => {
      const id = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
      await knex.transaction(trx =>
        store.create(trx, { id, actorRef: 'user:default/alice', organizationId: ids.acme, ...scope, ...fields(title, overrides) }),
      );
      await new Promise(resolve => setTimeout(resolve, 2));
      return id;
    };

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      ids = await seedPolicyScopes(knex);
      store = new PolicyStore(knex);
      await add('org', {});
      await add('shop', { projectId: ids.shop });
      await add('shop dev', { projectId: ids.shop, environmentId: ids.dev });
      await add('shop prod', { projectId: ids.shop, environmentId: ids.prod });
      await add('shop prod, disabled', { projectId: ids.shop, environmentId: ids.prod }, { enabled: false });
      await add('blog', { projectId: ids.blog });
      await add('globex', { organizationId: ids.globex });
    });

    it('reads a policy back with its scope by name, its params and ISO timestamps', async () => {
      const id = await add('read back', { projectId: ids.shop, environmentId: ids.staging }, { params: { max: 7 }, enforcement: 'warn' });
      const policy = await store.get(id);
      expect(policy).toMatchObject({
        id,
        scope: { org: 'acme', project: 'shop', environment: 'staging' },
        params: { max: 7 },
        enforcement: 'warn',
        enabled: true,
        createdBy: 'user:default/alice',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      });
      await knex.transaction(trx => store.delete(trx, id));
      expect(await store.get(id)).toBeUndefined();
    });

    it.each<{ name: string; depth: 'org' | 'project' | 'environment'; titles: string[] }>([
      { name: 'the organisation, with its projects and environments', depth: 'org', titles: ['org', 'shop', 'blog', 'shop dev', 'shop prod', 'shop prod, disabled'] },
      { name: 'a project, with its environments', depth: 'project', titles: ['shop', 'shop dev', 'shop prod', 'shop prod, disabled'] },
      { name: 'an environment', depth: 'environment', titles: ['shop prod', 'shop prod, disabled'] },
    ])('lists the policies inside $name, shallowest first', async ({ depth, titles }) => {
      const scopeIds = {
        organizationId: ids.acme,
        ...(depth !== 'org' ? { projectId: ids.shop } : {}),
        ...(depth === 'environment' ? { environmentId: ids.prod } : {}),
      };
      expect((await store.listInScope(scopeIds)).map(p => p.title)).toEqual(titles);
    });

    it('finds the enabled policies an environment inherits and its own, organisation first', async () => {
      const effective = await store.listEffective({ organizationId: ids.acme, projectId: ids.shop, environmentId: ids.prod });
      expect(effective.map(p => p.title)).toEqual(['org', 'shop', 'shop prod']);
    });

    it('forgets the policies of a deleted environment or project', async () => {
      const doomed = await add('doomed env', { projectId: ids.blog, environmentId: ids.blogProd });
      await knex('environments').where({ id: ids.blogProd }).update({ deleted_at: new Date() });
      expect(await store.get(doomed)).toBeUndefined();
      await knex('projects').where({ id: ids.blog }).update({ deleted_at: new Date() });
      expect((await store.listInScope({ organizationId: ids.acme })).map(p => p.title)).not.toContain('blog');
    });

    it('updates fields and says when the policy is gone', async () => {
      const id = await add('to update', {});
      const changed = fields('updated', { params: { max: 1 }, enabled: false });
      expect(await knex.transaction(trx => store.update(trx, id, 'user:default/bob', changed))).toBe(true);
      expect(await store.get(id)).toMatchObject({ title: 'updated', params: { max: 1 }, enabled: false, updatedBy: 'user:default/bob' });
      await knex.transaction(trx => store.delete(trx, id));
      expect(await knex.transaction(trx => store.update(trx, id, 'user:default/bob', changed))).toBe(false);
      expect(await knex.transaction(trx => store.delete(trx, id))).toBe(false);
    });
  });
});
