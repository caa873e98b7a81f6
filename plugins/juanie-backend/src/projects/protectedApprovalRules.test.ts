import { Knex } from 'knex';
import { DeploymentFixture, startDeploymentFixture } from '../deployments/testing/deploymentFixture';
import { attempt, denied, refusedWithoutChange } from '../testing/refusals';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(120_000);

const ENVS = '/orgs/acme/projects/shop/environments';
const PROD_DEPLOYMENTS = `${ENVS}/prod/deployments`;

/**
 * Issue 12, rule 4: only organisation admins and owners set the approval rule of protected
 * (production) environments, and an organisation policy's minimum approvals and self-approval
 * ban hold on every rule change and every deployment. In the fixture carol owns acme, bob is a
 * maintainer of shop and alice a developer.
 */
describe('approval rules of protected environments', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let fixture: DeploymentFixture;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      fixture = await startDeploymentFixture(knex, {
        environments: ['staging', 'prod'],
        approvals: { prod: { requiredApprovals: 1, approvers: ['user:default/carol'] } },
        cacheName: `protected-${databaseId}`,
      });
    });

    afterAll(async () => {
      await fixture.backend.stop();
      await fixture.repo.cleanup();
    });

    it('a project maintainer set prod to zero approvals with self-approval, escaping the gate that applies to their own deployments: refused (403)', async () => {
      const { bob } = fixture;
      const escape = { approval: { requiredApprovals: 0, allowSelfApproval: true } };
      expect(await attempt(knex, () => bob.patch(`${ENVS}/prod`, escape))).toEqual(
        refusedWithoutChange(denied(/Only organisation admins and owners set the approval rule or kind of production environment prod/)),
      );
      expect(await attempt(knex, () => bob.patch(`${ENVS}/prod`, { kind: 'staging' }))).toEqual(
        refusedWithoutChange(denied(/Only organisation admins and owners/)),
      );
      expect(
        await attempt(knex, () =>
          bob.post(ENVS, { slug: 'prod-eu', title: 'Prod EU', kind: 'production', approval: { requiredApprovals: 0 } }),
        ),
      ).toEqual(refusedWithoutChange(denied(/production environment prod-eu/)));
      expect((await bob.get(`${ENVS}/prod`)).body.approval).toMatchObject({ requiredApprovals: 1, allowSelfApproval: false });
    });

    it('a project maintainer still changes the approval rule of staging, and other fields of prod', async () => {
      const { bob } = fixture;
      expect((await bob.patch(`${ENVS}/staging`, { approval: { requiredApprovals: 2, approvers: ['user:default/bob'] } })).status).toBe(200);
      expect((await bob.patch(`${ENVS}/prod`, { title: 'Production' })).status).toBe(200);
    });

    it('an organisation owner changes the approval rule of prod', async () => {
      const { carol } = fixture;
      const changed = await carol.patch(`${ENVS}/prod`, { approval: { requiredApprovals: 0, allowSelfApproval: true } });
      expect(changed.status).toBe(200);
      expect(changed.body.approval).toMatchObject({ requiredApprovals: 0, allowSelfApproval: true });
    });

    it('an organisation policy sets minimum approvals and forbids self-approval on production: a weaker deployment is refused, and so is a weaker rule (422)', async () => {
      const { carol, alice } = fixture;
      await carol
        .post('/policies', {
          scope: { org: 'acme' },
          title: 'Four eyes on production',
          type: 'minApprovals',
          params: { byKind: { production: 1 }, forbidSelfApproval: ['production'] },
          enforcement: 'enforce',
        })
        .expect(201);

      // prod's stored rule (0 approvals, self-approval) is now weaker than the policy: refused.
      const deployment = await alice.post(PROD_DEPLOYMENTS, { changes: { image: { tag: '1.3.0' } } });
      expect(deployment.status).toBe(422);
      expect(deployment.body.violations.map((v: { message: string }) => v.message)).toEqual([
        expect.stringMatching(/requires 0 approvals; production environments must require at least 1 approval/),
        expect.stringMatching(/allows self-approval/),
      ]);

      const weaker = await attempt(knex, () =>
        carol.patch(`${ENVS}/prod`, { approval: { requiredApprovals: 0, allowSelfApproval: false } }),
      );
      expect(weaker).toMatchObject({ status: 422, changedTables: [], auditOutcomes: ['denied'] });
      expect(weaker.message).toMatch(/Four eyes on production \(minApprovals\): .*must require at least 1 approval/);
      const selfApproving = await attempt(knex, () =>
        carol.patch(`${ENVS}/prod`, { approval: { requiredApprovals: 1, approvers: ['user:default/carol'], allowSelfApproval: true } }),
      );
      expect(selfApproving).toMatchObject({ status: 422, changedTables: [] });
      expect(selfApproving.message).toMatch(/allows self-approval/);

      const created = await carol.post(ENVS, { slug: 'prod-us', title: 'Prod US', kind: 'production' });
      expect(created.status).toBe(422);

      // A rule that meets the policy is accepted, and deployments pass the gate again.
      const fixed = await carol.patch(`${ENVS}/prod`, { approval: { requiredApprovals: 1, approvers: ['user:default/carol'] } });
      expect(fixed.status).toBe(200);
      const passing = await alice.post(PROD_DEPLOYMENTS, { changes: { image: { tag: '1.3.0' } } });
      expect(passing.status).toBe(201);
      expect(passing.body.status).toBe('pending_approval');
      // Staging is not bound by the production policy.
      expect((await fixture.bob.patch(`${ENVS}/staging`, { approval: { requiredApprovals: 0 } })).status).toBe(200);
    });
  });
});
