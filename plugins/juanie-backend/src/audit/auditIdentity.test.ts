import { AuditEvent } from '@juanie/plugin-juanie-common';
import { setTimeout as sleep } from 'node:timers/promises';
import { CAST, expectSuccess } from '../testing/seededOrganization';
import { JuanieTestBackend, startJuanieTestBackend } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';

jest.setTimeout(60_000);

describe('audit events belong to an organisation by id, not by slug', () => {
  const databases = createJuanieTestDatabases();
  let backend: JuanieTestBackend | undefined;

  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  it.each(databases.eachSupportedId())(
    'attack: after an organisation is deleted, whoever re-creates its slug reads its audit events — refused (%p)',
    async id => {
      backend = await startJuanieTestBackend(await databases.init(id));
      const quinn = backend.as('quinn');
      const mallory = backend.as('mallory');
      const admin = backend.as(CAST.platformAdmin);
      const ok = async (call: ReturnType<typeof quinn.get>, what: string) => expectSuccess(await call, what);

      await ok(quinn.post('/orgs', { slug: 'q', title: 'Q' }), 'create q');
      await ok(quinn.post('/orgs/q/projects', { slug: 'secret', title: 'Secret plans' }), 'create secret');
      await ok(quinn.post('/orgs/q/members', { userRef: 'user:default/rita', role: 'member' }), 'add rita');
      await ok(quinn.delete('/orgs/q'), 'delete q');
      const { body: before } = await ok(admin.get('/audit?org=q&limit=500'), 'old trail');
      const old = (before.items as AuditEvent[]).map(event => event.id);
      expect(old.length).toBeGreaterThanOrEqual(4);

      await sleep(5);
      await ok(mallory.post('/orgs', { slug: 'q', title: 'Q, again' }), 're-create q');
      await ok(mallory.post('/orgs/q/projects', { slug: 'secret', title: 'Mine' }), 're-create secret');

      const { body: now } = await ok(mallory.get('/audit?org=q&limit=500'), "mallory's trail");
      const items = now.items as AuditEvent[];
      expect(items.map(event => event.id).filter(eventId => old.includes(eventId))).toEqual([]);
      expect(items.map(event => event.actorRef)).not.toContain('user:default/quinn');
      expect(items.map(event => event.action).sort()).toEqual(['organization.create', 'project.create']);
      const { body: project } = await ok(mallory.get('/audit?org=q&project=secret&limit=500'), 'project trail');
      expect((project.items as AuditEvent[]).map(event => event.actorRef)).toEqual(['user:default/mallory']);
      const exported = await ok(mallory.get('/audit/export?org=q&format=ndjson'), 'export');
      expect(exported.text).not.toContain('user:default/quinn');

      // The platform admins still read the old organisation's events in the whole trail. The
      // new organisation has a chain of its own, which holds; so does the old one's, which the
      // scheduled verification checks (no route names a deleted organisation).
      const { body: whole } = await ok(admin.get('/audit?limit=500'), 'whole trail');
      expect((whole.items as AuditEvent[]).map(event => event.id)).toEqual(expect.arrayContaining(old));
      expect((await ok(mallory.post('/orgs/q/audit/verify'), 'verify')).body).toMatchObject({ held: true, checked: 2 });
      await backend.runTask('juanie-audit-verification');
      const { body: state } = await ok(mallory.get('/orgs/q/audit/verification'), 'verification');
      expect(state.lastVerification).toMatchObject({ held: true, checked: 2, verifiedBy: 'scheduler' });
    },
  );
});
