import { createBackendModule } from '@backstage/backend-plugin-api';
import { createPolicyRuleType, juaniePolicyRulesExtensionPoint, PolicyRuleType } from '@juanie/plugin-juanie-node';
import { z } from 'zod';
import { CAST, expectSuccess, seedAcmeShop } from '../testing/seededOrganization';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { BareRepository, createBareRepository } from '../gitops/testing/bareRepository';
import { workload } from './__testUtils__/manifestBuilders';
import { JuanieTestBackend, startJuanieTestBackend } from '../testing/testBackend';
import { noLatestTagRule } from './rules/imageRules';
import { claimLocalRepository } from '../testing/repositoryClaims';

jest.setTimeout(120_000);

/** A rule type as another team would write it, in its own backend module. */
const noPrivilegedContainers = createPolicyRuleType({
  type: 'acme.noPrivileged',
  title: 'No privileged containers',
  description: 'Containers do not run privileged.',
  paramsSchema: z.object({ allowInitContainers: z.boolean().default(false) }).strict(),
  evaluate: ({ params, manifests }) =>
    manifests.workloads.flatMap(w =>
      w.containers
        .filter(c => (c.content.securityContext as { privileged?: boolean })?.privileged === true)
        .filter(c => !(c.init && params.allowInitContainers))
        .map(c => ({ file: w.document.file, path: `${c.path}.securityContext.privileged`, message: `${w.kind} ${w.name}, container ${c.name} runs privileged` })),
    ),
});

const moduleAdding = (...ruleTypes: PolicyRuleType<any>[]) =>
  createBackendModule({
    pluginId: 'juanie',
    moduleId: 'acme-policy-rules',
    register(env) {
      env.registerInit({
        deps: { policyRules: juaniePolicyRulesExtensionPoint },
        async init({ policyRules }) {
          policyRules.addRuleType(...ruleTypes);
        },
      });
    },
  });

const PRIVILEGED = {
  'app.yaml': workload({
    containers: [{ name: 'app', image: 'app:1', securityContext: { privileged: true } }],
    initContainers: [{ name: 'sysctl', image: 'busybox:1', securityContext: { privileged: true } }],
  }),
};

describe('rule types added by other backend modules', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let backend: JuanieTestBackend;
    let repo: BareRepository;
    beforeAll(async () => {
      repo = await createBareRepository(Object.fromEntries(Object.entries(PRIVILEGED).map(([f, t]) => [`apps/prod/${f}`, t])));
    });
    afterAll(() => repo.cleanup());

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      backend = await startJuanieTestBackend(knex, {}, {
        features: [moduleAdding(noPrivilegedContainers)],
      });
      await seedAcmeShop(backend);
      await claimLocalRepository(knex, 'acme', repo.url);
      const env = { slug: 'prod', title: 'Production', kind: 'production' };
      // Production is a protected kind: an organisation admin creates it.
      expectSuccess(await backend.as(CAST.orgAdmin).post('/orgs/acme/projects/shop/environments', env), 'create prod');
    });

    it('are described next to the built-in ones', async () => {
      const { body } = await backend.as(CAST.viewer).get('/policy-rule-types');
      expect(body.items).toContainEqual(
        expect.objectContaining({ type: 'acme.noPrivileged', title: 'No privileged containers', builtIn: false }),
      );
    });

    it('validate policy params with their own schema', async () => {
      const refused = await backend.as(CAST.orgAdmin).post('/policies', {
        scope: { org: 'acme' },
        title: 'No privileged',
        type: 'acme.noPrivileged',
        params: { allowInitContainers: 'yes' },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/^Invalid policy: params.allowInitContainers: .*expected boolean/);
    });

    it('are evaluated with the built-in ones when a deployment is checked', async () => {
      const policy = { scope: { org: 'acme' }, title: 'No privileged', type: 'acme.noPrivileged', params: { allowInitContainers: true } };
      const { id } = expectSuccess(await backend.as(CAST.orgAdmin).post('/policies', policy), 'create the policy').body;
      const maintainer = backend.as(CAST.maintainer);
      const { body: repository } = expectSuccess(
        await maintainer.post('/orgs/acme/projects/shop/repositories', { url: repo.url, purpose: 'gitops' }),
        'connect the GitOps repository',
      );
      const gitops = { repositoryId: repository.id, branch: 'main', path: 'apps/prod' };
      expectSuccess(await maintainer.patch('/orgs/acme/projects/shop/environments/prod', { gitops }), 'point prod at it');

      const { body: preview } = expectSuccess(
        await maintainer.post('/orgs/acme/projects/shop/environments/prod/deployments/preview', { changes: { replicas: 2 } }),
        'preview a deployment',
      );
      const evaluation = { enforced: preview.enforced, violations: preview.violations };

      expect(evaluation).toEqual({
        enforced: true,
        violations: [
          {
            policyId: id,
            policyTitle: 'No privileged',
            rule: 'acme.noPrivileged',
            enforcement: 'enforce',
            file: 'app.yaml',
            path: 'spec.template.spec.containers[0].securityContext.privileged',
            message: 'Deployment web, container app runs privileged',
          },
        ],
      });
    });
  });

  it.each<{ name: string; ruleTypes: PolicyRuleType<any>[] }>([
    { name: 'a built-in one', ruleTypes: [noLatestTagRule] },
    { name: 'one added twice', ruleTypes: [noPrivilegedContainers, noPrivilegedContainers] },
  ])('cannot take the name of $name: the backend does not start', async ({ ruleTypes }) => {
    const knex = await databases.init(databases.eachSupportedId()[0][0]);
    await expect(startJuanieTestBackend(knex, {}, { features: [moduleAdding(...ruleTypes)] })).rejects.toThrow(
      /Policy rule type '(noLatestTag|acme.noPrivileged)' is already registered/,
    );
  });
});
