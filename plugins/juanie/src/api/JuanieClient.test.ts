import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { describeError } from './describeError';
import { JuanieApi } from './JuanieApi';
import { JuanieClient } from './JuanieClient';
import { policyViolationsOf } from './policyViolationsOf';

const BASE = 'http://example.com/api/juanie';

describe('JuanieClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new JuanieClient({
    discoveryApi: mockApis.discovery(),
    fetchApi: mockApis.fetch(),
  });

  /** Answers every request with `answer` and records what was sent. */
  function recordRequests(
    answer: () => Response = () => HttpResponse.json({}),
  ) {
    const seen: {
      method: string;
      path: string;
      search: string;
      body?: unknown;
    }[] = [];
    server.use(
      http.all(`${BASE}/*`, async ({ request }) => {
        const url = new URL(request.url);
        const text = await request.text();
        seen.push({
          method: request.method,
          // Keep the path exactly as sent: user refs must stay percent-encoded.
          path: url.pathname.slice('/api/juanie'.length),
          search: url.search,
          body: text ? JSON.parse(text) : undefined,
        });
        return answer();
      }),
    );
    return seen;
  }

  const bob = 'user:default/bob';
  const POLICY_ID = '5b0e5b0e-0000-4000-8000-000000000001';
  const cases: [
    name: string,
    call: (api: JuanieApi) => Promise<unknown>,
    method: string,
    path: string,
    body?: unknown,
  ][] = [
    ['getHealth', a => a.getHealth(), 'GET', '/health'],
    ['getMe', a => a.getMe(), 'GET', '/me'],
    ['getMyAttention', a => a.getMyAttention(), 'GET', '/me/attention'],
    ['listOrganizations', a => a.listOrganizations(), 'GET', '/orgs'],
    [
      'createOrganization',
      a => a.createOrganization({ slug: 'acme', title: 'Acme' }),
      'POST',
      '/orgs',
      { slug: 'acme', title: 'Acme' },
    ],
    [
      'updateOrganization',
      a => a.updateOrganization('acme', { quota: { maxProjects: 3 } }),
      'PATCH',
      '/orgs/acme',
      { quota: { maxProjects: 3 } },
    ],
    [
      'deleteOrganization',
      a => a.deleteOrganization('acme'),
      'DELETE',
      '/orgs/acme',
    ],
    [
      'getOrganizationQuota',
      a => a.getOrganizationQuota('acme'),
      'GET',
      '/orgs/acme/quota',
    ],
    [
      'addOrgMember',
      a => a.addOrgMember('acme', { userRef: bob, role: 'admin' }),
      'POST',
      '/orgs/acme/members',
      { userRef: bob, role: 'admin' },
    ],
    [
      'updateOrgMember',
      a => a.updateOrgMember('acme', bob, { role: 'owner' }),
      'PATCH',
      '/orgs/acme/members/user%3Adefault%2Fbob',
      { role: 'owner' },
    ],
    [
      'removeOrgMember',
      a => a.removeOrgMember('acme', bob),
      'DELETE',
      '/orgs/acme/members/user%3Adefault%2Fbob',
    ],
    [
      'createTeam',
      a => a.createTeam('acme', { slug: 'sre', title: 'SRE' }),
      'POST',
      '/orgs/acme/teams',
      { slug: 'sre', title: 'SRE' },
    ],
    [
      'updateTeam',
      a => a.updateTeam('acme', 'sre', { title: 'Ops' }),
      'PATCH',
      '/orgs/acme/teams/sre',
      { title: 'Ops' },
    ],
    [
      'deleteTeam',
      a => a.deleteTeam('acme', 'sre'),
      'DELETE',
      '/orgs/acme/teams/sre',
    ],
    [
      'listTeamMembers',
      a => a.listTeamMembers('acme', 'sre'),
      'GET',
      '/orgs/acme/teams/sre/members',
    ],
    [
      'updateTeamMember',
      a => a.updateTeamMember('acme', 'sre', bob, { role: 'lead' }),
      'PATCH',
      '/orgs/acme/teams/sre/members/user%3Adefault%2Fbob',
      { role: 'lead' },
    ],
    [
      'removeTeamMember',
      a => a.removeTeamMember('acme', 'sre', bob),
      'DELETE',
      '/orgs/acme/teams/sre/members/user%3Adefault%2Fbob',
    ],
    ['listAllProjects', a => a.listAllProjects(), 'GET', '/projects'],
    [
      'createProject',
      a => a.createProject('acme', { slug: 'web', title: 'Web' }),
      'POST',
      '/orgs/acme/projects',
      { slug: 'web', title: 'Web' },
    ],
    [
      'archive project',
      a => a.updateProject('acme', 'web', { archived: true }),
      'PATCH',
      '/orgs/acme/projects/web',
      { archived: true },
    ],
    [
      'deleteProject',
      a => a.deleteProject('acme', 'web'),
      'DELETE',
      '/orgs/acme/projects/web',
    ],
    [
      'updateProjectMember',
      a => a.updateProjectMember('acme', 'web', bob, { role: 'viewer' }),
      'PATCH',
      '/orgs/acme/projects/web/members/user%3Adefault%2Fbob',
      { role: 'viewer' },
    ],
    [
      'addProjectTeam',
      a => a.addProjectTeam('acme', 'web', { team: 'sre', role: 'maintainer' }),
      'POST',
      '/orgs/acme/projects/web/teams',
      { team: 'sre', role: 'maintainer' },
    ],
    [
      'removeProjectTeam',
      a => a.removeProjectTeam('acme', 'web', 'sre'),
      'DELETE',
      '/orgs/acme/projects/web/teams/sre',
    ],
    [
      'createEnvironment',
      a =>
        a.createEnvironment('acme', 'web', {
          slug: 'dev',
          title: 'Dev',
          kind: 'development',
        }),
      'POST',
      '/orgs/acme/projects/web/environments',
      { slug: 'dev', title: 'Dev', kind: 'development' },
    ],
    [
      'updateEnvironment',
      a => a.updateEnvironment('acme', 'web', 'dev', { gitops: null }),
      'PATCH',
      '/orgs/acme/projects/web/environments/dev',
      { gitops: null },
    ],
    [
      'connectRepository',
      a =>
        a.connectRepository('acme', 'web', {
          url: 'https://github.com/acme/web',
          purpose: 'app',
        }),
      'POST',
      '/orgs/acme/projects/web/repositories',
      { url: 'https://github.com/acme/web', purpose: 'app' },
    ],
    [
      'syncRepository',
      a => a.syncRepository('acme', 'web', 'r1'),
      'POST',
      '/orgs/acme/projects/web/repositories/r1/sync',
    ],
    [
      'disconnectRepository',
      a => a.disconnectRepository('acme', 'web', 'r1'),
      'DELETE',
      '/orgs/acme/projects/web/repositories/r1',
    ],
    ['getAuditScope', a => a.getAuditScope(), 'GET', '/audit/scope'],
    ['verifyAuditChain', a => a.verifyAuditChain(), 'POST', '/audit/verify'],
    [
      'verifyAuditChain',
      a => a.verifyAuditChain('acme'),
      'POST',
      '/orgs/acme/audit/verify',
    ],
    ['getAuditChainState', a => a.getAuditChainState(), 'GET', '/audit/verification'],
    [
      'getAuditChainState',
      a => a.getAuditChainState('acme'),
      'GET',
      '/orgs/acme/audit/verification',
    ],
    [
      'previewDeployment',
      a =>
        a.previewDeployment('acme', 'web', 'prod', {
          changes: { image: { tag: '1.4.2' } },
        }),
      'POST',
      '/orgs/acme/projects/web/environments/prod/deployments/preview',
      { changes: { image: { tag: '1.4.2' } } },
    ],
    [
      'requestDeployment',
      a =>
        a.requestDeployment('acme', 'web', 'prod', {
          changes: { replicas: 3 },
          message: 'Scale up',
          baseRevision: 'f'.repeat(40),
        }),
      'POST',
      '/orgs/acme/projects/web/environments/prod/deployments',
      {
        changes: { replicas: 3 },
        message: 'Scale up',
        baseRevision: 'f'.repeat(40),
      },
    ],
    [
      'listDeployments',
      a => a.listDeployments('acme', 'web'),
      'GET',
      '/orgs/acme/projects/web/deployments',
    ],
    ['getDeployment', a => a.getDeployment('d1'), 'GET', '/deployments/d1'],
    [
      'getDeploymentDiff',
      a => a.getDeploymentDiff('d1'),
      'GET',
      '/deployments/d1/diff',
    ],
    [
      'listPendingApprovals',
      a => a.listPendingApprovals(),
      'GET',
      '/approvals',
    ],
    [
      'voteOnDeployment',
      a => a.voteOnDeployment('d1', { decision: 'reject', comment: 'Friday' }),
      'POST',
      '/deployments/d1/approvals',
      { decision: 'reject', comment: 'Friday' },
    ],
    [
      'cancelDeployment',
      a => a.cancelDeployment('d1'),
      'POST',
      '/deployments/d1/cancel',
      {},
    ],
    [
      'rollBackDeployment',
      a => a.rollBackDeployment('d1', { message: 'Broke checkout' }),
      'POST',
      '/deployments/d1/rollback',
      { message: 'Broke checkout' },
    ],
    [
      'getProjectGitOps',
      a => a.getProjectGitOps('acme', 'web'),
      'GET',
      '/orgs/acme/projects/web/gitops',
    ],
    [
      'reconcileGitOps',
      a => a.reconcileGitOps('acme', 'web', 'prod'),
      'POST',
      '/orgs/acme/projects/web/environments/prod/gitops/reconcile',
    ],
    [
      'suspendGitOps',
      a => a.suspendGitOps('acme', 'web', 'prod'),
      'POST',
      '/orgs/acme/projects/web/environments/prod/gitops/suspend',
    ],
    [
      'resumeGitOps',
      a => a.resumeGitOps('acme', 'web', 'prod'),
      'POST',
      '/orgs/acme/projects/web/environments/prod/gitops/resume',
    ],
    ['listClusters', a => a.listClusters(), 'GET', '/clusters'],
    [
      'createPolicy',
      a =>
        a.createPolicy({
          scope: { org: 'acme' },
          title: 'No latest',
          type: 'noLatestTag',
        }),
      'POST',
      '/policies',
      { scope: { org: 'acme' }, title: 'No latest', type: 'noLatestTag' },
    ],
    [
      'updatePolicy',
      a => a.updatePolicy(POLICY_ID, { enforcement: 'warn' }),
      'PATCH',
      `/policies/${POLICY_ID}`,
      { enforcement: 'warn' },
    ],
    [
      'deletePolicy',
      a => a.deletePolicy(POLICY_ID),
      'DELETE',
      `/policies/${POLICY_ID}`,
    ],
    [
      'listPolicyRuleTypes',
      a => a.listPolicyRuleTypes(),
      'GET',
      '/policy-rule-types',
    ],
    [
      'listPolicyDecisions',
      a => a.listPolicyDecisions(POLICY_ID),
      'GET',
      `/policies/${POLICY_ID}/decisions`,
    ],
  ];

  const rows = cases.map(([name, call, method, path, body]) => ({
    name,
    call,
    method,
    path,
    body,
  }));

  it.each(rows)(
    '$name sends $method $path',
    async ({ call, method, path, body }) => {
      const seen = recordRequests();
      await call(client);
      expect(seen).toEqual([{ method, path, search: '', body }]);
    },
  );

  it('returns the object the server created', async () => {
    const created = { slug: 'acme', title: 'Acme', myRole: 'owner' };
    recordRequests(() => HttpResponse.json(created, { status: 201 }));
    await expect(
      client.createOrganization({ slug: 'acme', title: 'Acme' }),
    ).resolves.toEqual(created);
  });

  it('resolves to nothing when the server answers 204', async () => {
    recordRequests(() => new HttpResponse(null, { status: 204 }));
    await expect(
      client.removeOrgMember('acme', 'user:default/bob'),
    ).resolves.toBe(undefined);
  });

  it('sends policy scopes and decision filters as query parameters', async () => {
    const seen = recordRequests(() => HttpResponse.json({ items: [] }));
    await client.listPolicies({ org: 'acme', project: 'shop' });
    await client.listPolicyDecisions(POLICY_ID, { project: 'shop', limit: 5 });
    expect(seen.map(({ path, search }) => path + search)).toEqual([
      '/policies?org=acme&project=shop',
      `/policies/${POLICY_ID}/decisions?project=shop&limit=5`,
    ]);
  });

  it('sends pagination and audit filters as query parameters, leaving blanks out', async () => {
    const seen = recordRequests(() => HttpResponse.json({ items: [] }));
    await client.listAuditEvents(
      { actor: 'user:default/alice', outcome: 'denied', q: '', org: undefined },
      { limit: 100, cursor: 'abc' },
    );
    expect(seen[0].path).toBe('/audit');
    expect(Object.fromEntries(new URLSearchParams(seen[0].search))).toEqual({
      actor: 'user:default/alice',
      outcome: 'denied',
      limit: '100',
      cursor: 'abc',
    });
  });

  it('maps an error body to a ResponseError that carries the server message', async () => {
    recordRequests(() =>
      HttpResponse.json(
        {
          error: {
            name: 'ConflictError',
            message: 'Organisation acme already exists',
          },
          response: { statusCode: 409 },
        },
        { status: 409 },
      ),
    );
    const error = await client
      .createOrganization({ slug: 'acme', title: 'Acme' })
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(409);
    expect(error.cause.name).toBe('ConflictError');
    expect(describeError(error)).toBe('Organisation acme already exists');
  });

  it('pages the approvals inbox', async () => {
    const seen = recordRequests(() => HttpResponse.json({ items: [] }));
    await client.listPendingApprovals({ limit: 20, cursor: 'c3' });
    expect(seen[0].path).toBe('/approvals');
    expect(Object.fromEntries(new URLSearchParams(seen[0].search))).toEqual({
      limit: '20',
      cursor: 'c3',
    });
  });

  it('sends deployment filters with the statuses joined by commas', async () => {
    const seen = recordRequests(() => HttpResponse.json({ items: [] }));
    await client.listDeployments(
      'acme',
      'web',
      { environment: 'prod', status: ['failed', 'succeeded'] },
      { cursor: 'c2' },
    );
    expect(Object.fromEntries(new URLSearchParams(seen[0].search))).toEqual({
      environment: 'prod',
      status: 'failed,succeeded',
      cursor: 'c2',
    });
  });

  it('keeps the violations of a policy refusal, and its message', async () => {
    const violation = {
      policyId: 'p1',
      policyTitle: 'No latest tag',
      rule: 'noLatestTag',
      enforcement: 'enforce',
      file: 'deployment.yaml',
      path: 'spec.template.spec.containers[0].image',
      message: 'image ghcr.io/acme/web:latest names no version',
    };
    // The policy refusal has no `response` section, unlike the error middleware's bodies.
    recordRequests(() =>
      HttpResponse.json(
        {
          error: {
            name: 'PolicyViolationError',
            message: 'Refused by policy: No latest tag',
          },
          violations: [violation],
        },
        { status: 422 },
      ),
    );
    const error = await client
      .requestDeployment('acme', 'web', 'prod', {
        changes: { image: { tag: 'latest' } },
      })
      .catch(e => e);
    expect(error.statusCode).toBe(422);
    expect(describeError(error)).toBe('Refused by policy: No latest tag');
    expect(policyViolationsOf(error)).toEqual([violation]);
  });

  it('finds no violations in other refusals', async () => {
    recordRequests(() =>
      HttpResponse.json(
        {
          error: { name: 'NotAllowedError', message: 'Not yours' },
          response: { statusCode: 403 },
        },
        { status: 403 },
      ),
    );
    const error = await client.getDeployment('d1').catch(e => e);
    expect(describeError(error)).toBe('Not yours');
    expect(policyViolationsOf(error)).toBeUndefined();
    expect(policyViolationsOf(new Error('offline'))).toBeUndefined();
  });

  it('downloads an audit export with the filters and the file name the server chose', async () => {
    const seen = recordRequests(
      () =>
        new HttpResponse('id,action\n1,org.create\n', {
          headers: {
            'Content-Type': 'text/csv',
            'Content-Disposition': 'attachment; filename="audit-2026.csv"',
          },
        }),
    );
    const { blob, filename } = await client.exportAuditEvents('csv', {
      org: 'acme',
    });
    expect(seen[0].path).toBe('/audit/export');
    expect(Object.fromEntries(new URLSearchParams(seen[0].search))).toEqual({
      org: 'acme',
      format: 'csv',
    });
    expect(filename).toBe('audit-2026.csv');
    expect(await blob.text()).toBe('id,action\n1,org.create\n');
  });

  it('names an export after its format when the server gives no file name', async () => {
    recordRequests(() => new HttpResponse('{}\n'));
    const { filename } = await client.exportAuditEvents('ndjson');
    expect(filename).toBe('audit.ndjson');
  });
});
