import { AuditEvent } from '@juanie/plugin-juanie-common';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseCsv } from '../testing/csv';
import { CAST, expectSuccess, seedAcmeShop, userRef } from '../testing/seededOrganization';
import {
  asText,
  JuanieTestBackend,
  startJuanieTestBackend,
  TestClient,
} from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(60_000);

const query = (filters: Record<string, string>) => new URLSearchParams(filters).toString();

/** Every filter of `GET /audit`, and which events it must keep. */
const FILTERS: Array<[string, Record<string, string>, (e: AuditEvent) => boolean]> = [
  ['actor', { actor: 'user:default/org-admin' }, e => e.actorRef === 'user:default/org-admin'],
  ['action', { action: 'team.create' }, e => e.action === 'team.create'],
  ['org', { org: 'globex' }, e => e.org === 'globex'],
  ['project', { project: 'shop' }, e => e.project === 'shop'],
  ['outcome', { outcome: 'denied' }, e => e.outcome === 'denied'],
  ['resource type', { resourceType: 'environment' }, e => e.resourceType === 'environment'],
  ['resource id', { resourceId: 'acme/web' }, e => e.resourceId === 'acme/web'],
  ['words of the message (q)', { q: 'archived' }, e => /\barchived\b/i.test(e.message)],
  [
    'several at once',
    { org: 'acme', outcome: 'success', action: 'project.member.add' },
    e => e.org === 'acme' && e.outcome === 'success' && e.action === 'project.member.add',
  ],
];

describe('reading the audit trail', () => {
  const databases = createJuanieTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let backend: JuanieTestBackend;
    let admin: TestClient;
    /** Every event, newest first, as the platform admin lists them. */
    let all: AuditEvent[];
    /** A moment between the first and the second half of the events. */
    let halfway: string;

    const list = async (filters: Record<string, string>, as: TestClient = admin) =>
      (await as.get(`/audit?${query({ ...filters, limit: '500' })}`)).body.items as AuditEvent[];
    const exported = async (format: string, filters: Record<string, string>) =>
      (await admin.get(`/audit/export?${query({ ...filters, format })}`).parse(asText)).body as string;

    beforeAll(async () => {
      backend = await startJuanieTestBackend(await databases.init(databaseId));
      admin = backend.as(CAST.platformAdmin);
      await seedAcmeShop(backend);
      const gina = backend.as('gina');
      expectSuccess(await gina.post('/orgs', { slug: 'globex', title: 'Globex' }), 'create globex');
      expectSuccess(await gina.post('/orgs/globex/projects', { slug: 'web', title: 'Web' }), 'create web');
      await backend.as(CAST.viewer).patch('/orgs/acme/projects/shop', { title: 'Mine' });

      await sleep(20);
      halfway = new Date().toISOString();
      await sleep(20);

      const orgAdmin = backend.as(CAST.orgAdmin);
      expectSuccess(await orgAdmin.post('/orgs/acme/teams', { slug: 'ops', title: 'Ops' }), 'create ops');
      expectSuccess(await orgAdmin.patch('/orgs/acme/projects/shop', { archived: true }), 'archive shop');
      expectSuccess(
        await orgAdmin.post('/orgs/acme/projects/shop/environments', { slug: 'dev', title: 'Dev', kind: 'development' }),
        'create dev',
      );
      await orgAdmin.post('/orgs/acme/members', { userRef: userRef(CAST.orgMember), role: 'member' });
      await backend.as(CAST.developer).delete('/orgs/acme/projects/shop');
      all = await list({});
    });

    it.each(FILTERS)('filters by %s', async (_name, filters, keeps) => {
      const expected = all.filter(keeps).map(e => e.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(all.length);

      expect((await list(filters)).map(e => e.id)).toEqual(expected);
    });

    it('filters by time: from is inclusive, to is exclusive', async () => {
      const later = all.filter(e => e.occurredAt >= halfway).map(e => e.id);
      const earlier = all.filter(e => e.occurredAt < halfway).map(e => e.id);
      expect(later.length).toBeGreaterThan(0);
      expect(earlier.length).toBeGreaterThan(0);

      expect((await list({ from: halfway })).map(e => e.id)).toEqual(later);
      expect((await list({ to: halfway })).map(e => e.id)).toEqual(earlier);
      const [newest] = all;
      const window = all.filter(e => e.occurredAt >= halfway && e.occurredAt < newest.occurredAt);
      expect((await list({ from: halfway, to: newest.occurredAt })).map(e => e.id)).toEqual(
        window.map(e => e.id),
      );
    });

    it('pages newest first with a cursor until the last page', async () => {
      const pages: AuditEvent[][] = [];
      let cursor: string | undefined;
      do {
        const page = await admin.get(`/audit?${query({ limit: '7', ...(cursor ? { cursor } : {}) })}`);
        pages.push(page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);

      const ids = pages.flat().map(e => Number(e.id));
      expect(pages.every(page => page.length <= 7)).toBe(true);
      expect(pages.length).toBe(Math.ceil(all.length / 7));
      expect(ids).toEqual(all.map(e => Number(e.id)));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
    });

    it('pages a filtered selection the same way', async () => {
      const expected = all.filter(e => e.org === 'acme').map(e => e.id);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await admin.get(`/audit?${query({ org: 'acme', limit: '5', ...(cursor ? { cursor } : {}) })}`);
        seen.push(...page.body.items.map((e: AuditEvent) => e.id));
        cursor = page.body.nextCursor;
      } while (cursor);

      expect(seen).toEqual(expected);
    });

    it('exports the same selection as NDJSON, event for event', async () => {
      const filters = { org: 'acme', outcome: 'success' };
      const text = await exported('ndjson', filters);

      const events = text.trim().split('\n').map(line => JSON.parse(line));
      expect(events).toEqual(await list(filters));
    });

    it('exports the same selection as CSV, with a header row', async () => {
      const filters = { org: 'acme', outcome: 'success' };
      const response = await admin.get(`/audit/export?${query({ ...filters, format: 'csv' })}`).parse(asText);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.headers['content-disposition']).toMatch(/attachment; filename="juanie-audit-.*\.csv"/);

      const rows = parseCsv(response.body);
      const listed = await list(filters);
      expect(rows.map(row => row.id)).toEqual(listed.map(e => e.id));
      const json = (cell: string) => (cell === '' ? null : JSON.parse(cell));
      expect(
        rows.map(row => ({ ...row, before: json(row.before), after: json(row.after) })),
      ).toEqual(
        listed.map(e => ({
          ...e,
          resourceId: e.resourceId ?? '',
          project: e.project ?? '',
          requestId: e.requestId ?? '',
          ip: e.ip ?? '',
          userAgent: e.userAgent ?? '',
          org: e.org ?? '',
        })),
      );
    });

    it('shows an organisation admin their own organisation’s events only', async () => {
      const orgAdmin = backend.as(CAST.orgAdmin);

      const mine = await list({ org: 'acme' }, orgAdmin);

      expect(mine.map(e => e.id)).toEqual(all.filter(e => e.org === 'acme').map(e => e.id));
      expect((await orgAdmin.get('/audit?org=globex')).status).toBe(403);
    });
  });
});
