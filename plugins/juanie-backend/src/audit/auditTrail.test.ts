import { Knex } from 'knex';
import { auditRowsAfter, lastAuditId } from '../testing/databaseState';
import { CAST, expectSuccess, seedAcmeShop, userRef } from '../testing/seededOrganization';
import { HttpMethod, JuanieTestBackend, startJuanieTestBackend } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(60_000);

const PROJECT = '/orgs/acme/projects/shop';

interface Mutation {
  method: HttpMethod;
  path: string;
  body?: object;
  /** What its one audit event must say. */
  event: Record<string, unknown>;
}

/** Run in order by the organisation owner; each must write exactly one success event. */
const MUTATIONS: Mutation[] = [
  {
    method: 'patch',
    path: '/orgs/acme',
    body: { title: 'Acme Corp' },
    event: {
      action: 'organization.update',
      resourceType: 'organization',
      resourceId: 'acme',
      org: 'acme',
      project: null,
      before: expect.objectContaining({ title: 'Organisation acme' }),
      after: expect.objectContaining({ title: 'Acme Corp' }),
    },
  },
  {
    method: 'post',
    path: '/orgs/acme/members',
    body: { userRef: userRef('zoe'), role: 'member' },
    event: {
      action: 'organization.member.add',
      resourceId: 'user:default/zoe',
      org: 'acme',
      before: null,
      after: { userRef: 'user:default/zoe', role: 'member' },
    },
  },
  {
    method: 'post',
    path: '/orgs/acme/teams',
    body: { slug: 'ops', title: 'Ops' },
    event: { action: 'team.create', resourceType: 'team', resourceId: 'acme/ops', org: 'acme' },
  },
  {
    method: 'patch',
    path: PROJECT,
    body: { archived: true },
    event: {
      action: 'project.update',
      resourceType: 'project',
      resourceId: 'acme/shop',
      org: 'acme',
      project: 'shop',
      message: 'Archived project shop in acme',
      before: expect.objectContaining({ archivedAt: null }),
      after: expect.objectContaining({ archivedAt: expect.any(String) }),
    },
  },
  {
    method: 'post',
    path: `${PROJECT}/environments`,
    body: { slug: 'qa', title: 'QA', kind: 'staging' },
    event: {
      action: 'environment.create',
      resourceType: 'environment',
      resourceId: 'acme/shop/qa',
      project: 'shop',
      after: expect.objectContaining({ slug: 'qa', kind: 'staging' }),
    },
  },
  {
    method: 'delete',
    path: `${PROJECT}/environments/qa`,
    event: {
      action: 'environment.delete',
      resourceId: 'acme/shop/qa',
      before: expect.objectContaining({ slug: 'qa' }),
      after: null,
    },
  },
  {
    method: 'delete',
    path: `${PROJECT}/members/${encodeURIComponent(userRef(CAST.viewer))}`,
    event: {
      action: 'project.member.remove',
      project: 'shop',
      before: { userRef: 'user:default/viewer', role: 'viewer' },
    },
  },
];

describe('the audit trail', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let knex: Knex;
    let backend: JuanieTestBackend;
    /** Acme's chain, verified by its owner. */
    const verify = async () => (await backend.as(CAST.orgOwner).post('/orgs/acme/audit/verify')).body;
    const acmeChain = async () => (await knex('organizations').where({ slug: 'acme' }).first('id')).id as string;
    const chainIds = async () =>
      (await knex('audit_events').where({ chain: await acmeChain() }).orderBy('id').pluck('id')).map(Number);

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startJuanieTestBackend(knex);
      await seedAcmeShop(backend);
    });

    it.each(MUTATIONS.map((m, i) => ({ ...m, i, name: `${m.method.toUpperCase()} ${decodeURIComponent(m.path)}` })))(
      '$name writes one event with actor, resource, change, request id, ip and user agent',
      async ({ method, path, body, event, i }) => {
        const before = await lastAuditId(knex);

        const response = await backend
          .as(CAST.orgOwner)
          .call(method, path, body)
          .set('X-Request-Id', `request-${i}`)
          .set('User-Agent', 'juanie-tests/1.0');

        expectSuccess(response, path);
        expect(await auditRowsAfter(knex, before)).toHaveLength(1);
        const [latest] = (await backend.as(CAST.platformAdmin).get('/audit?limit=1')).body.items;
        expect(latest).toMatchObject({
          actorRef: 'user:default/org-owner',
          outcome: 'success',
          requestId: `request-${i}`,
          ip: expect.stringMatching(/127\.0\.0\.1|::1/),
          userAgent: 'juanie-tests/1.0',
          message: expect.any(String),
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
          ...event,
        });
      },
    );

    it('records a refused change as one event with the refusal as outcome', async () => {
      const before = await lastAuditId(knex);

      // The developer sees the project (the viewer left it above) but may not change it.
      const response = await backend.as(CAST.developer).patch(PROJECT, { title: 'Mine' });

      expect(response.status).toBe(403);
      const events = await auditRowsAfter(knex, before);
      expect(events).toEqual([
        expect.objectContaining({
          actor_ref: 'user:default/developer',
          action: 'project.update',
          outcome: 'denied',
          org: 'acme',
          project: 'shop',
          message: expect.stringContaining('juanie.project.manage'),
        }),
      ]);
    });

    it.each([
      ['PUT', '/audit'],
      ['PATCH', '/audit'],
      ['DELETE', '/audit'],
      ['POST', '/audit'],
      ['PUT', '/audit/1'],
      ['PATCH', '/audit/1'],
      ['DELETE', '/audit/1'],
      ['DELETE', '/audit/verify'],
      ['PUT', '/orgs/acme/audit/verify'],
      ['DELETE', '/orgs/acme/audit/verification'],
      ['DELETE', '/audit/export'],
    ])('offers no %s %s: the trail cannot be changed (404)', async (method, path) => {
      const before = await knex('audit_events').orderBy('id').select();

      const response = await backend
        .as(CAST.platformAdmin)
        .call(method.toLowerCase() as HttpMethod, path, { message: 'rewritten' });

      expect(response.status).toBe(404);
      expect(await knex('audit_events').orderBy('id').select()).toEqual(before);
    });

    it('verifies an untouched chain, counting every row of it', async () => {
      expect(await verify()).toMatchObject({ held: true, checked: (await chainIds()).length });
    });

    it('names the row whose message was changed in the database, and trusts it again once restored', async () => {
      const ids = await chainIds();
      const middle = ids[Math.floor(ids.length / 2)];
      const { message } = await knex('audit_events').where({ id: middle }).first();

      await knex('audit_events').where({ id: middle }).update({ message: `${message} (edited)` });

      expect(await verify()).toMatchObject({
        held: false,
        checked: ids.indexOf(middle),
        firstBroken: { id: String(middle), message: expect.stringContaining('does not match its hash') },
      });

      await knex('audit_events').where({ id: middle }).update({ message });
      expect(await verify()).toMatchObject({ held: true, checked: ids.length });
    });

    it('names the missing last event when rows are removed from the end of the chain', async () => {
      const ids = await chainIds();
      const last = ids[ids.length - 1];

      await knex('audit_events').where({ id: last }).delete();

      expect(await verify()).toMatchObject({
        held: false,
        firstBroken: { id: String(last), message: expect.stringContaining('is missing') },
      });
    });

    it('names the successor of a row deleted from the database', async () => {
      const ids = await chainIds();
      const middle = ids[Math.floor(ids.length / 2)];

      await knex('audit_events').where({ id: middle }).delete();

      const successor = ids[ids.indexOf(middle) + 1];
      expect(await verify()).toMatchObject({
        held: false,
        firstBroken: { id: String(successor), message: expect.stringContaining('does not link') },
      });
    });
  });
});
