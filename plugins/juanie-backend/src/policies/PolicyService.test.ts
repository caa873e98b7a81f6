import { createPolicyRuleType } from '@juanie/plugin-juanie-node';
import { Knex } from 'knex';
import { z } from 'zod';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { PolicyRuleTypeRegistry } from './PolicyRuleTypeRegistry';
import { PolicyService } from './PolicyService';
import { workload } from './__testUtils__/manifestBuilders';
import { addPolicy, createPolicyService, seedPolicyScopes } from './__testUtils__/policyFixtures';

jest.setTimeout(60_000);

const PROD = { slug: 'prod', kind: 'production' as const, requiredApprovals: 1 };
const AT = new Date('2026-06-01T12:00:00Z');
/** One manifest that breaks every image, resource, replica and label rule. */
const RECKLESS = { 'app.yaml': workload({ images: ['quay.io/x/app:latest'], replicas: 9 }) };

const rule = (type: string, params: unknown = {}) => ({ type, params });

describe('PolicyService', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let policies: PolicyService;
    const evaluate = (environment = PROD, files: Record<string, string> = RECKLESS, project = 'shop') =>
      policies.evaluate({ org: 'acme', project, environment, files, at: AT });

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await seedPolicyScopes(knex);
      const ruleTypes = new PolicyRuleTypeRegistry();
      ruleTypes.add(
        createPolicyRuleType({
          type: 'test.broken',
          title: 'Broken',
          description: 'Always throws',
          paramsSchema: z.object({}).default({}),
          evaluate: () => {
            throw new Error('the rule fell over');
          },
        }),
      );
      policies = createPolicyService(knex, ruleTypes).service;
    });

    afterEach(() => knex('policies').delete());

    const add = (title: string, scope: object, r: { type: string; params: unknown }, extra: object = {}) =>
      addPolicy(knex, policies, { title, scope: { org: 'acme', ...scope }, ...r, ...extra });

    it('inherits organisation and project policies down to the environment, and nothing else', async () => {
      await add('No latest', {}, rule('noLatestTag'));
      await add('Shop registries', { project: 'shop' }, rule('allowedRegistries', { patterns: ['ghcr.io/acme/*'] }), { enforcement: 'warn' });
      await add('Prod replicas', { project: 'shop', environment: 'prod' }, rule('maxReplicas', { max: 3 }));
      await add('Staging labels', { project: 'shop', environment: 'staging' }, rule('requiredLabels', { labels: ['team'] }));
      await add('Blog resources', { project: 'blog' }, rule('requireResources', { limits: ['memory'] }));
      await addPolicy(knex, policies, { title: 'Globex digests', scope: { org: 'globex' }, ...rule('requireDigest') });

      const { violations, enforced } = await evaluate();

      expect(enforced).toBe(true);
      expect(violations.map(v => [v.policyTitle, v.rule, v.enforcement, v.file, v.path])).toEqual([
        ['No latest', 'noLatestTag', 'enforce', 'app.yaml', 'spec.template.spec.containers[0].image'],
        ['Shop registries', 'allowedRegistries', 'warn', 'app.yaml', 'spec.template.spec.containers[0].image'],
        ['Prod replicas', 'maxReplicas', 'enforce', 'app.yaml', 'spec.replicas'],
      ]);
      expect(violations[0]).toMatchObject({ policyId: expect.any(String), message: expect.stringMatching(/uses the latest tag/) });
    });

    it.each([
      { name: 'only warnings', enforcement: 'warn', enforced: false },
      { name: 'an enforced violation', enforcement: 'enforce', enforced: true },
    ])('with $name, enforced is $enforced', async ({ enforcement, enforced }) => {
      await add('Replicas', {}, rule('maxReplicas', { max: 1 }), { enforcement });
      expect(await evaluate()).toMatchObject({ enforced, violations: [{ enforcement }] });
    });

    it('ignores disabled policies', async () => {
      await add('Off', {}, rule('noLatestTag'), { enabled: false });
      expect(await evaluate()).toEqual({ violations: [], enforced: false });
    });

    it('compares approvals with the environment it is given', async () => {
      await add('Two for prod', {}, rule('minApprovals', { byKind: { production: 2 } }));
      expect((await evaluate({ ...PROD, requiredApprovals: 2 })).violations).toEqual([]);
      expect((await evaluate(PROD)).violations).toMatchObject([{ rule: 'minApprovals', file: null, path: null }]);
    });

    it('fails closed when a stored policy cannot be evaluated', async () => {
      const gone = await add('Gone', {}, rule('noLatestTag'));
      const misfit = await add('Misfit', { project: 'shop' }, rule('maxReplicas', { max: 3 }), { enforcement: 'warn' });
      await add('Broken', {}, rule('test.broken'));
      await knex('policies').where({ id: gone.id }).update({ type: 'acme.removedRule' });
      await knex('policies').where({ id: misfit.id }).update({ params: '{"max":"three"}' });

      const { violations, enforced } = await evaluate();

      expect(enforced).toBe(true);
      expect(violations.map(v => `${v.policyTitle}: ${v.message}`)).toEqual([
        "Gone: Policy cannot be evaluated: rule type 'acme.removedRule' is not installed in this backend",
        'Broken: Policy cannot be evaluated: rule test.broken failed: the rule fell over',
        expect.stringMatching(/^Misfit: Policy cannot be evaluated: its params no longer fit rule type maxReplicas: params.max: /),
      ]);
      expect(policies.toPolicy(await policies.get(gone.id))).toMatchObject({ problem: expect.stringMatching(/not installed/) });
    });

    it('reads no manifests when no policy applies, and refuses unreadable ones when one does', async () => {
      const broken = { 'app.yaml': 'spec: [' };
      expect(await evaluate(PROD, broken)).toEqual({ violations: [], enforced: false });
      await add('Freeze', {}, rule('freezeWindow', { timeZone: 'UTC', days: ['mon'], from: '00:00', to: '24:00' }));
      await expect(evaluate(PROD, broken)).rejects.toThrow(/app.yaml \(document 1\) is not valid YAML/);
    });

    it('answers 404 for an environment that does not exist', async () => {
      await expect(evaluate({ ...PROD, slug: 'qa' })).rejects.toMatchObject({ name: 'NotFoundError', message: "Environment 'qa' does not exist in project shop" });
    });

    it.each([
      [rule('maxReplicas', { max: -1 }), /^Invalid policy: params.max: /],
      [rule('maxReplicas'), /^Invalid policy: params.max: /],
      [rule('requireDigest', { strict: true }), /^Invalid policy: params: Unrecognized key: "strict"/],
      [rule('noSuchRule'), /^Invalid policy: type: unknown rule type 'noSuchRule'; known types are noLatestTag, requireDigest, .*test.broken/],
    ])('refuses to create %j', async (r, message) => {
      await expect(add('Bad', {}, r)).rejects.toMatchObject({ name: 'InputError', message: expect.stringMatching(message) });
    });

    it('checks params against the new type when the type changes, and keeps them otherwise', async () => {
      const policy = await add('Replicas', {}, rule('maxReplicas', { max: 3 }));
      const update = (patch: object) =>
        knex.transaction(async trx => (await policies.update(trx, 'user:default/bob', await policies.get(policy.id, trx), patch)).result);

      await expect(update({ type: 'allowedRegistries' })).rejects.toThrow(/params.patterns: /);
      expect(await update({ enabled: false })).toMatchObject({ params: { max: 3 }, enabled: false, updatedBy: 'user:default/bob' });
      await expect(update({ params: { max: 'many' } })).rejects.toThrow(/params.max: /);
      expect(await update({ type: 'noLatestTag' })).toMatchObject({ type: 'noLatestTag', params: {} });
    });

    it('lets a policy whose rule type is gone be disabled', async () => {
      const policy = await add('Gone', {}, rule('noLatestTag'));
      await knex('policies').where({ id: policy.id }).update({ type: 'acme.removedRule' });
      const disabled = await knex.transaction(async trx =>
        (await policies.update(trx, 'user:default/bob', await policies.get(policy.id, trx), { enabled: false })).result,
      );
      expect(disabled).toMatchObject({ enabled: false, problem: expect.any(String) });
    });

    it.each(['not-a-uuid', '00000000-0000-4000-8000-000000000000', 'a\u0000b'])('answers 404 for policy %p', async id => {
      await expect(policies.get(id)).rejects.toMatchObject({ name: 'NotFoundError', message: `Policy '${id}' does not exist` });
    });
  });
});
