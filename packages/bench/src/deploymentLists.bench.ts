import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { createJuanieTestDatabases } from '@juanie/plugin-juanie-backend/src/testing/testDatabases';
import { CAST, seedAcmeShop } from '@juanie/plugin-juanie-backend/src/testing/seededOrganization';
import { startJuanieTestBackend } from '@juanie/plugin-juanie-backend/src/testing/testBackend';
import { ms, report, timeRequests } from './benchUtils';

jest.setTimeout(30 * 60_000);

const DEPLOYMENTS = Number(process.env.JUANIE_BENCH_DEPLOYMENTS ?? 10_000);
const APPROVAL_RULE = JSON.stringify({ requiredApprovals: 1, approvers: [], allowSelfApproval: false, expiresAfter: 'P3D' });

/** `count` deployments of one environment, a second apart, in one statement per thousand rows. */
async function seedDeployments(knex: Knex, environmentId: string, status: (i: number) => string, count: number) {
  const env = await knex('environments').where({ id: environmentId }).first('project_id');
  const start = Date.now() - count * 1000;
  const rows = Array.from({ length: count }, (_, i) => {
    const at = new Date(start + i * 1000);
    return {
      id: randomUUID(),
      project_id: env.project_id,
      environment_id: environmentId,
      method: 'juanie',
      requested_by: 'user:default/developer',
      changes: JSON.stringify({ replicas: 1 + (i % 5) }),
      message: `deployment ${i}`,
      status: status(i),
      status_changed_at: at,
      expires_at: new Date(Date.now() + 3 * 86_400_000),
      approval_rule: APPROVAL_RULE,
      created_at: at,
      updated_at: at,
    };
  });
  await knex.batchInsert('deployments', rows, 1000);
  await knex.raw('analyze deployments');
}

describe('bench: deployment history and approvals inbox (PostgreSQL)', () => {
  const databases = createJuanieTestDatabases();

  it('measures the first page of each', async () => {
    const knex = await databases.init('POSTGRES_15');
    const backend = await startJuanieTestBackend(knex);
    try {
      await seedAcmeShop(backend);
      const owner = backend.as(CAST.orgOwner);
      for (const slug of ['staging', 'production']) {
        const res = await owner.post('/orgs/acme/projects/shop/environments', { slug, title: slug, kind: slug });
        if (res.status !== 201) throw new Error(`environment ${slug}: ${res.status}`);
      }
      const envId = async (slug: string) => (await knex('environments').where({ slug }).first('id')).id as string;
      const started = Date.now();
      await seedDeployments(knex, await envId('staging'), i => (i % 7 === 0 ? 'failed' : 'succeeded'), DEPLOYMENTS);
      await seedDeployments(knex, await envId('production'), () => 'pending_approval', DEPLOYMENTS);
      report(`seeded 2 × ${DEPLOYMENTS} deployments in ${((Date.now() - started) / 1000).toFixed(1)} s`);

      const maintainer = backend.as(CAST.maintainer);
      const history = await timeRequests(100, async () => {
        const res = await maintainer.get('/orgs/acme/projects/shop/deployments?environment=staging&limit=50');
        if (res.status !== 200 || res.body.items.length !== 50) throw new Error(`history: ${res.status}`);
      });
      report(
        `deployment history of one environment (${DEPLOYMENTS} deployments), first page of 50: p50 ${ms(history.p50)}, p95 ${ms(history.p95)} (target p95 < 100 ms)`,
      );
      const inbox = await timeRequests(100, async () => {
        const res = await maintainer.get('/approvals?limit=50');
        if (res.status !== 200 || res.body.items.length !== 50) throw new Error(`inbox: ${res.status}`);
      });
      report(
        `approvals inbox with ${DEPLOYMENTS} pending deployments, first page of 50: p50 ${ms(inbox.p50)}, p95 ${ms(inbox.p95)} (target p95 < 100 ms)`,
      );
    } finally {
      await backend.stop();
    }
  });
});
