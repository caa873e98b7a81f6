import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import { createJuanieTestDatabases } from '@juanie/plugin-juanie-backend/src/testing/testDatabases';
import { startJuanieTestBackend, TestClient } from '@juanie/plugin-juanie-backend/src/testing/testBackend';
import { mib, ms, report, timeRequests } from './benchUtils';

jest.setTimeout(30 * 60_000);

const AUDIT_EVENTS = Number(process.env.JUANIE_BENCH_AUDIT_EVENTS ?? 1_000_000);
const PROJECTS = 10_000;

/** One million audit rows in one statement: 50 organisations, 20 actors, 8 actions. */
async function seedAuditEvents(knex: Knex, count: number) {
  await knex.raw(
    `insert into audit_events (occurred_at, actor_ref, action, resource_type, resource_id, org, project,
       outcome, message, before, after, request_id, ip, user_agent, prev_hash, hash)
     select now() - ((? - i) || ' seconds')::interval,
            'user:default/user' || (i % 20),
            (array['project.update','project.create','environment.update','organization.member.add',
                   'team.create','repository.sync','environment.create','project.member.add'])[1 + i % 8],
            'project', 'org-' || (i % 50) || '/p-' || (i % 500), 'org-' || (i % 50), 'p-' || (i % 500),
            case when i % 13 = 0 then 'denied' else 'success' end,
            'Changed project p-' || (i % 500) || ' in org-' || (i % 50) || ' (event ' || i || ')',
            '{"title":"before"}', '{"title":"after"}', md5(i::text), '127.0.0.1', 'bench',
            md5((i - 1)::text) || md5((i - 1)::text), md5(i::text) || md5(i::text)
     from generate_series(1, ?) as i`,
    [count, count],
  );
  // Events name an existing organisation by id as well (the org filter reads the id).
  await knex.raw(
    `update audit_events set organization_id = organizations.id from organizations
     where audit_events.org = organizations.slug and audit_events.organization_id is null`,
  );
  await knex.raw('analyze audit_events');
}

async function seedProjects(knex: Knex, org: string, count: number) {
  const { id } = await knex('organizations').where({ slug: org }).first();
  const now = new Date();
  const rows = Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    organization_id: id,
    slug: `project-${String(i).padStart(5, '0')}`,
    title: `Project ${i}`,
    description: '',
    created_at: now,
    updated_at: now,
  }));
  await knex.batchInsert('projects', rows, 1000);
  await knex.raw('analyze projects');
}

describe('bench: audit trail and project lists (PostgreSQL)', () => {
  const databases = createJuanieTestDatabases();

  it('measures', async () => {
    if (!databases.supports('POSTGRES_15')) {
      throw new Error('The benchmark runs on PostgreSQL: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING');
    }
    const knex = await databases.init('POSTGRES_15');
    const { as, server } = await startJuanieTestBackend(knex);
    const baseUrl = `http://localhost:${(server.address() as AddressInfo).port}/api/juanie`;
    const adminHeader = mockCredentials.user.header('user:default/admin');
    const admin: TestClient = as('admin');
    await as('carol').post('/orgs', { slug: 'org-7', title: 'Org 7' });

    let start = Date.now();
    await seedAuditEvents(knex, AUDIT_EVENTS);
    report(`seeded ${AUDIT_EVENTS} audit events in ${((Date.now() - start) / 1000).toFixed(1)} s`);

    for (const [label, query] of [
      ['org filter', '?org=org-7&limit=50'],
      ['org + action + outcome', '?org=org-7&action=project.create&outcome=success&limit=50'],
      ['actor + time range', `?actor=user:default/user3&from=${new Date(Date.now() - 86_400_000).toISOString()}&limit=50`],
      ['free text', '?q=p-42&limit=50'],
    ] as const) {
      const timing = await timeRequests(100, async () => {
        const res = await admin.get(`/audit${query}`);
        if (res.status !== 200 || res.body.items.length === 0) throw new Error(`${label}: ${res.status}`);
      });
      report(`GET /audit (${label}, 1 page of 50 of ${AUDIT_EVENTS}): p50 ${ms(timing.p50)}, p95 ${ms(timing.p95)} (target p95 < 100 ms)`);
    }

    for (const rows of [10_000, 100_000]) {
      // org-N holds AUDIT_EVENTS / 50 rows; a page of organisations gives the wanted size.
      const orgs = Math.max(1, Math.round(rows / (AUDIT_EVENTS / 50)));
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      let peakRss = rssBefore;
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }, 20);
      start = Date.now();
      let bytes = 0;
      let lines = 0;
      for (let o = 0; o < orgs; o++) {
        const res = await fetch(`${baseUrl}/audit/export?format=ndjson&org=org-${o}`, {
          headers: { Authorization: adminHeader },
        });
        if (res.status !== 200 || !res.body) throw new Error(`export: ${res.status}`);
        for await (const chunk of res.body) {
          bytes += chunk.length;
          for (const byte of chunk) if (byte === 10) lines += 1;
        }
      }
      clearInterval(sampler);
      report(
        `GET /audit/export ndjson, ${lines} events (${mib(bytes)}): ${((Date.now() - start) / 1000).toFixed(1)} s, peak RSS ${mib(peakRss)} (before ${mib(rssBefore)}, growth ${mib(peakRss - rssBefore)})`,
      );
    }

    start = Date.now();
    await seedProjects(knex, 'org-7', PROJECTS);
    report(`seeded ${PROJECTS} projects in org-7 in ${((Date.now() - start) / 1000).toFixed(1)} s`);
    const owner = as('carol');
    for (const [label, path] of [
      ['first page', '/orgs/org-7/projects?limit=50'],
      ['page in the middle', `/orgs/org-7/projects?limit=50&cursor=${Buffer.from(JSON.stringify({ k: 'project-05000' })).toString('base64url')}`],
    ] as const) {
      const timing = await timeRequests(100, async () => {
        const res = await owner.get(path);
        if (res.status !== 200 || res.body.items.length !== 50) throw new Error(`${label}: ${res.status}`);
      });
      report(`GET /orgs/{org}/projects (${label}, 50 of ${PROJECTS}): p50 ${ms(timing.p50)}, p95 ${ms(timing.p95)} (target p95 < 50 ms)`);
    }
  });
});
