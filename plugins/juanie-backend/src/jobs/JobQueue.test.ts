import { Knex } from 'knex';
import { migrationsDirectory } from '../database/migrateDatabase';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { JobQueue } from './JobQueue';

jest.setTimeout(60_000);

describe('JobQueue', () => {
  const databases = createJuanieTestDatabases();

  async function queueOn(id: Parameters<typeof databases.init>[0]): Promise<[JobQueue, Knex]> {
    const knex = await databases.init(id);
    await knex.migrate.latest({ directory: migrationsDirectory });
    return [new JobQueue(knex), knex];
  }

  it.each(databases.eachSupportedId())('runs jobs of one serial key one at a time (%p)', async id => {
    const [queue, knex] = await queueOn(id);
    await queue.enqueue(knex, { kind: 'commit', serialKey: 'repo-1', payload: { n: 1 } });
    await queue.enqueue(knex, { kind: 'commit', serialKey: 'repo-1', payload: { n: 2 } });
    await queue.enqueue(knex, { kind: 'commit', serialKey: 'repo-2', payload: { n: 3 } });

    const first = await queue.claim('replica-a', 60_000);
    const second = await queue.claim('replica-b', 60_000);
    const third = await queue.claim('replica-b', 60_000);

    expect(first?.payload).toEqual({ n: 1 });
    expect(second?.payload).toEqual({ n: 3 });
    expect(third).toBeUndefined();
    await queue.complete(first!);
    expect((await queue.claim('replica-b', 60_000))?.payload).toEqual({ n: 2 });
  });

  it.each(databases.eachSupportedId())('gives the job of a dead replica to another after its lease (%p)', async id => {
    const [queue, knex] = await queueOn(id);
    await queue.enqueue(knex, { kind: 'commit', serialKey: 'repo-1', payload: {} });
    const claimed = await queue.claim('replica-a', 1);
    await new Promise(resolve => setTimeout(resolve, 20));

    const again = await queue.claim('replica-b', 60_000);

    expect(again?.id).toBe(claimed?.id);
    expect(again?.attempts).toBe(2);
  });

  it.each(databases.eachSupportedId())('retries a failed job later, and gives up after five attempts (%p)', async id => {
    const [queue, knex] = await queueOn(id);
    await queue.enqueue(knex, { kind: 'commit', payload: {} });
    const job = await queue.claim('replica-a', 60_000);

    expect(await queue.fail(job!, new Error('push rejected'))).toBe('retrying');
    expect(await queue.claim('replica-a', 60_000)).toBeUndefined(); // backing off
    expect(await queue.fail({ ...job!, attempts: 5 }, new Error('push rejected'))).toBe('failed');
    const row = await knex('jobs').where({ id: job!.id }).first();
    expect(row).toMatchObject({ status: 'failed', last_error: 'push rejected' });
  });

  it.each(databases.eachSupportedId())('lets concurrent claimers take each job exactly once (%p)', async id => {
    const [queue, knex] = await queueOn(id);
    for (let n = 0; n < 30; n++) {
      await queue.enqueue(knex, { kind: 'commit', serialKey: `repo-${n % 10}`, payload: { n } });
    }
    const taken: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, async (_, worker) => {
        for (;;) {
          const job = await queue.claim(`replica-${worker}`, 60_000);
          if (!job) {
            const [{ queued }] = await knex('jobs').where({ status: 'queued' }).count({ queued: '*' });
            if (Number(queued) === 0) return;
            await new Promise(resolve => setTimeout(resolve, 5)); // another replica holds the key
            continue;
          }
          taken.push((job.payload as { n: number }).n);
          await queue.complete(job);
        }
      }),
    );
    expect(taken.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, n) => n));
  });
});
