import { Knex } from 'knex';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createBareRepository, BareRepository, isolatedGit } from '@juanie/plugin-juanie-backend/src/gitops/testing/bareRepository';
import { gitopsFiles } from '@juanie/plugin-juanie-backend/src/deployments/testing/deploymentFixture';
import { startJuanieTestBackend, TestClient } from '@juanie/plugin-juanie-backend/src/testing/testBackend';
import { createJuanieTestDatabases } from '@juanie/plugin-juanie-backend/src/testing/testDatabases';
import { ms, percentile, report } from './benchUtils';
import { claimed } from '@juanie/plugin-juanie-backend/src/testing/repositoryClaims';

jest.setTimeout(30 * 60_000);

const LATENCY_SAMPLES = 30;
const CONCURRENT = 50;

/** Waits (polling the database every 2 ms) until every deployment is committed or failed. */
async function committed(knex: Knex, ids: string[]) {
  for (;;) {
    const rows = await knex('deployments').whereIn('id', ids).whereIn('status', ['committed', 'failed']).select('status');
    if (rows.length === ids.length) {
      const failed = rows.filter(row => row.status === 'failed').length;
      if (failed) throw new Error(`${failed} deployments failed`);
      return;
    }
    await sleep(2);
  }
}

/** `git commit && git push` of a one-line change, in a plain clone: the floor Juanie is held to. */
async function plainGitLoop(repo: BareRepository, count: number) {
  const dir = await fs.mkdtemp(`${repo.url.slice(7)}-plain-`);
  const git = isolatedGit(dir, 'Bench');
  await git.raw(['clone', '--quiet', repo.url, '.']);
  const file = path.join(dir, 'apps/shop/plain/deployment.yaml');
  await fs.mkdir(path.dirname(file), { recursive: true });
  const samples: number[] = [];
  for (let i = 0; i < count + 5; i++) {
    const start = process.hrtime.bigint();
    await fs.writeFile(file, `image: ghcr.io/acme/shop:${i}\n`);
    await git.raw(['add', '--all']);
    await git.raw(['commit', '--quiet', '-m', `plain ${i}`]);
    await git.raw(['push', '--quiet', 'origin', 'HEAD:refs/heads/main']);
    // The first few warm up the file cache and the clone.
    if (i >= 5) samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

describe('bench: approval to pushed commit (PostgreSQL)', () => {
  const databases = createJuanieTestDatabases();
  const repos: BareRepository[] = [];
  afterAll(async () => Promise.all(repos.map(repo => repo.cleanup())));

  /** `count` environments spread over `repoCount` bare repositories; each needs bob's vote. */
  async function project(knex: Knex, carol: TestClient, repoCount: number, count: number, prefix: string) {
    const envs: string[] = [];
    for (let r = 0; r < repoCount; r++) {
      const names = Array.from({ length: count / repoCount }, (_, i) => `${prefix}-r${r}-e${i}`);
      const repo = await createBareRepository(gitopsFiles(names));
      repos.push(repo);
      const { body: gitops } = await carol
        .post('/orgs/acme/projects/shop/repositories', { url: await claimed(knex, repo.url), purpose: 'gitops' })
        .expect(201);
      for (const env of names) {
        await carol
          .post('/orgs/acme/projects/shop/environments', {
            slug: env,
            title: env,
            kind: 'staging',
            approval: { requiredApprovals: 1, approvers: ['user:default/bob'] },
            gitops: { repositoryId: gitops.id, branch: 'main', path: `apps/shop/${env}` },
          })
          .expect(201);
      }
      envs.push(...names);
    }
    return envs;
  }

  it('measures latency and throughput against the plain git loop', async () => {
    const knex = await databases.init('POSTGRES_15');
    const cacheDir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'juanie-bench-')), 'cache');
    const { as, stop } = await startJuanieTestBackend(knex, {
      juanie: { platformAdmins: [], jobs: { pollIntervalMs: 1000, concurrency: 10 }, gitops: { cacheDir } },
    });
    try {
      const [carol, alice, bob] = [as('carol'), as('alice'), as('bob')];
      await carol.post('/orgs', { slug: 'acme', title: 'Acme' }).expect(201);
      await carol.post('/orgs/acme/projects', { slug: 'shop', title: 'Shop' }).expect(201);
      await carol.post('/orgs/acme/projects/shop/members', { userRef: 'user:default/alice', role: 'developer' }).expect(201);
      await carol.post('/orgs/acme/projects/shop/members', { userRef: 'user:default/bob', role: 'maintainer' }).expect(201);

      const request = async (env: string, tag: string) =>
        (await alice.post(`/orgs/acme/projects/shop/environments/${env}/deployments`, { changes: { image: { tag } } }).expect(201)).body.id as string;
      const approve = (id: string) => bob.post(`/deployments/${id}/approvals`, { decision: 'approve' }).expect(200);

      // One deployment at a time: from bob's vote to the commit recorded after its push.
      const [single] = await project(knex, carol, 1, 1, 'latency');
      const latencies: number[] = [];
      for (let i = 0; i < LATENCY_SAMPLES + 3; i++) {
        const id = await request(single, `3.0.${i}`);
        const start = process.hrtime.bigint();
        await approve(id);
        await committed(knex, [id]);
        if (i >= 3) latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      const plain = plainGitLoop(repos[0], LATENCY_SAMPLES);
      const plainSamples = await plain;
      const [p50, p95] = [percentile(latencies, 50), percentile(latencies, 95)];
      const [plainP50, plainP95] = [percentile(plainSamples, 50), percentile(plainSamples, 95)];
      report(`approval → pushed commit, one at a time (n=${LATENCY_SAMPLES}): p50 ${ms(p50)}, p95 ${ms(p95)}`);
      report(`plain git commit && git push loop (n=${LATENCY_SAMPLES}): p50 ${ms(plainP50)}, p95 ${ms(plainP95)}`);
      report(`ratio p50 Juanie / plain: ${(p50 / plainP50).toFixed(2)}× (target ≤ 3×)`);

      for (const repoCount of [1, 10]) {
        const envs = await project(knex, carol, repoCount, CONCURRENT, `tp${repoCount}`);
        const ids = await Promise.all(envs.map((env, i) => request(env, `4.0.${i}`)));
        const start = process.hrtime.bigint();
        await Promise.all(ids.map(approve));
        await committed(knex, ids);
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        const [{ n }] = await knex('deployments').whereIn('id', ids).countDistinct({ n: 'commit_sha' });
        const lost = CONCURRENT - Number(n);
        report(
          `${CONCURRENT} concurrent approved deployments to ${repoCount} repositor${repoCount === 1 ? 'y' : 'ies'}: ` +
            `${(CONCURRENT / seconds).toFixed(1)} commits/s (${seconds.toFixed(2)} s), lost updates: ${lost}`,
        );
      }
      report(`plain loop throughput (one writer, one repository): ${(1000 / plainP50).toFixed(1)} commits/s`);
    } finally {
      await stop();
    }
  });
});
