import { committedLines } from '../gitops/testing/bareRepository';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { DeploymentFixture, startDeploymentFixture } from './testing/deploymentFixture';

jest.setTimeout(120_000);

const STAGING = '/orgs/acme/projects/shop/environments/staging/deployments';

describe('deployment flow: request, approve, commit', () => {
  const databases = createJuanieTestDatabases();
  let fixture: DeploymentFixture | undefined;

  afterEach(async () => {
    await fixture?.backend.stop();
    await fixture?.repo.cleanup();
    fixture = undefined;
  });

  it.each(databases.eachSupportedId())(
    'alice asks, bob approves, Juanie commits exactly the change with trailers (%p)',
    async id => {
      fixture = await startDeploymentFixture(await databases.init(id), { cacheName: `flow-${id}` });
      const { alice, bob, dave, repo, settled, backend } = fixture;

      const { body: requested } = await alice
        .post(STAGING, { changes: { image: { tag: '1.3.0' } }, message: 'Ship the new checkout' })
        .expect(201);
      expect(requested).toMatchObject({
        status: 'pending_approval',
        requestedBy: 'user:default/alice',
        approvalRule: { requiredApprovals: 1, approvers: ['user:default/bob'] },
        allowedActions: { vote: false, cancel: true, rollback: false },
      });

      const { body: bobsInbox } = await bob.get('/approvals').expect(200);
      expect(bobsInbox.items.map((d: { id: string }) => d.id)).toEqual([requested.id]);
      expect((await alice.get('/approvals').expect(200)).body.items).toEqual([]);
      expect((await bob.get(`/deployments/${requested.id}`).expect(200)).body.allowedActions.vote).toBe(true);

      const own = await alice.post(`/deployments/${requested.id}/approvals`, { decision: 'approve' }).expect(403);
      expect(own.body.error.message).toMatch(/requested this deployment/);
      const ineligible = await dave.post(`/deployments/${requested.id}/approvals`, { decision: 'approve' }).expect(403);
      expect(ineligible.body.error.message).toMatch(/not an eligible approver/);

      const { body: approved } = await bob
        .post(`/deployments/${requested.id}/approvals`, { decision: 'approve', comment: 'LGTM' })
        .expect(200);
      expect(['queued', 'committing', 'committed']).toContain(approved.status);
      await bob.post(`/deployments/${requested.id}/approvals`, { decision: 'approve' }).expect(409);

      const committed = await settled(requested.id, ['committed', 'failed']);
      expect(committed.status).toBe('committed');
      expect(committed.commitSha).toMatch(/^[0-9a-f]{40}$/);
      expect(committed.approvals).toEqual([
        expect.objectContaining({ approverRef: 'user:default/bob', decision: 'approve', comment: 'LGTM' }),
      ]);
      expect(committed.timeline.map((e: { type: string; status: string | null }) => [e.type, e.status])).toEqual([
        ['requested', 'pending_approval'],
        ['approved', null],
        ['status', 'queued'],
        ['status', 'committing'],
        ['status', 'committed'],
      ]);

      expect(await committedLines(repo, committed.commitSha)).toEqual({
        'apps/shop/staging/deployment.yaml': ['-          image: ghcr.io/acme/shop:1.2.3', '+          image: ghcr.io/acme/shop:1.3.0'],
      });
      const message = await repo.run('log', '-1', '--format=%an <%ae>%n%B', committed.commitSha);
      expect(message).toContain('alice <alice@users.juanie.invalid>');
      expect(message).toContain('shop/staging: image 1.3.0');
      expect(message).toContain('Ship the new checkout');
      expect(message).toContain(`Juanie-Deployment-Id: ${requested.id}`);
      expect(message).toContain('Juanie-Requested-By: user:default/alice');
      expect(message).toContain('Juanie-Approved-By: user:default/bob');

      const { body: diff } = await alice.get(`/deployments/${requested.id}/diff`).expect(200);
      expect(diff).toMatchObject({ source: 'commit', revision: committed.commitSha });
      expect(diff.diff).toContain('+          image: ghcr.io/acme/shop:1.3.0');

      const recipients = backend.notifications.map(n => [n.recipients, n.payload.title]);
      expect(recipients).toEqual(
        expect.arrayContaining([
          [{ type: 'entity', entityRef: ['user:default/bob'] }, expect.stringMatching(/^Approval needed/)],
          [{ type: 'entity', entityRef: ['user:default/alice'] }, expect.stringMatching(/^Approved by user:default\/bob/)],
          [{ type: 'entity', entityRef: ['user:default/alice'] }, expect.stringMatching(/^Committed/)],
        ]),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a change an enforced policy forbids, with the violations, and stores nothing (%p)',
    async id => {
      fixture = await startDeploymentFixture(await databases.init(id), { cacheName: `policy-${id}` });
      const { carol, alice } = fixture;
      await carol
        .post('/policies', {
          scope: { org: 'acme' },
          title: 'No latest',
          type: 'noLatestTag',
          params: {},
          enforcement: 'enforce',
        })
        .expect(201);

      const refused = await alice.post(STAGING, { changes: { image: { tag: 'latest' } } }).expect(422);
      expect(refused.body.error.name).toBe('PolicyViolationError');
      expect(refused.body.violations).toEqual([
        expect.objectContaining({ rule: 'noLatestTag', enforcement: 'enforce', file: 'deployment.yaml' }),
      ]);
      expect((await alice.get('/orgs/acme/projects/shop/deployments').expect(200)).body.items).toEqual([]);
      const { body: audit } = await carol.get('/audit?org=acme&action=deployment.request').expect(200);
      expect(audit.items[0]).toMatchObject({ outcome: 'denied', message: expect.stringMatching(/No latest/) });
    },
  );

  it.each(databases.eachSupportedId())(
    'a rejection ends the request and needs a reason; cancel is for the requester or a maintainer (%p)',
    async id => {
      fixture = await startDeploymentFixture(await databases.init(id), { cacheName: `reject-${id}` });
      const { alice, bob, dave } = fixture;
      const { body: first } = await alice.post(STAGING, { changes: { replicas: 3 } }).expect(201);
      const noReason = await bob.post(`/deployments/${first.id}/approvals`, { decision: 'reject' }).expect(400);
      expect(noReason.body.error.message).toMatch(/comment/);
      const { body: rejected } = await bob
        .post(`/deployments/${first.id}/approvals`, { decision: 'reject', comment: 'Not during the sale' })
        .expect(200);
      expect(rejected).toMatchObject({ status: 'rejected', statusMessage: 'Not during the sale' });
      await alice.post(`/deployments/${first.id}/cancel`, {}).expect(409);

      const { body: second } = await alice.post(STAGING, { changes: { replicas: 4 } }).expect(201);
      await dave.post(`/deployments/${second.id}/cancel`, {}).expect(403);
      const { body: cancelled } = await alice
        .post(`/deployments/${second.id}/cancel`, { message: 'Wrong number' })
        .expect(200);
      expect(cancelled).toMatchObject({ status: 'cancelled', allowedActions: { vote: false, cancel: false } });
      await bob.post(`/deployments/${second.id}/approvals`, { decision: 'approve' }).expect(409);

      const { body: list } = await dave
        .get('/orgs/acme/projects/shop/deployments?status=rejected,cancelled&environment=staging')
        .expect(200);
      expect(list.items.map((d: { status: string }) => d.status)).toEqual(['cancelled', 'rejected']);
      const { body: page } = await dave.get('/orgs/acme/projects/shop/deployments?limit=1').expect(200);
      expect(page.items).toHaveLength(1);
      const { body: rest } = await dave
        .get(`/orgs/acme/projects/shop/deployments?limit=1&cursor=${page.nextCursor}`)
        .expect(200);
      expect(rest.items.map((d: { id: string }) => d.id)).toEqual([first.id]);
      await dave.get('/orgs/acme/projects/shop/deployments?status=nonsense').expect(400);
    },
  );
});
