import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';

/** A unit of durable work. */
export interface Job {
  id: string;
  kind: string;
  serialKey: string | null;
  payload: unknown;
  attempts: number;
}

const MAX_ATTEMPTS = 5;

/**
 * A durable job queue in the plugin's database, shared by every replica. Jobs with the same
 * serial key run one at a time (a lease row per key); a replica that dies leaves an expired
 * lease, and its job is claimed again.
 */
export class JobQueue {
  constructor(private readonly db: Knex) {}

  /** Adds a job inside the caller's transaction, so it exists exactly when the change does. */
  async enqueue(
    trx: Knex,
    job: { kind: string; serialKey?: string; payload: unknown; runAfter?: Date },
  ): Promise<string> {
    const id = randomUUID();
    const now = new Date();
    await trx('jobs').insert({
      id,
      kind: job.kind,
      serial_key: job.serialKey ?? null,
      payload: JSON.stringify(job.payload),
      status: 'queued',
      attempts: 0,
      run_after: job.runAfter ?? now,
      created_at: now,
      updated_at: now,
    });
    return id;
  }

  /** Claims the oldest runnable job (of `kinds`, when given) whose serial key is free, for `leaseMs`. */
  async claim(workerId: string, leaseMs: number, kinds?: string[]): Promise<Job | undefined> {
    return this.db.transaction(async trx => {
      const now = new Date();
      await this.releaseExpiredLeases(trx, now);
      // Keys someone holds are skipped in the query, so one busy repository with a long queue
      // does not hide the jobs of the others.
      const candidates = await trx('jobs')
        .where({ status: 'queued' })
        .where('run_after', '<=', now)
        .where(free =>
          free
            .whereNull('serial_key')
            .orWhereNotExists(trx('job_locks').whereRaw('job_locks.serial_key = jobs.serial_key').select('serial_key')),
        )
        .modify(query => {
          if (kinds) query.whereIn('kind', kinds);
        })
        .orderBy('created_at')
        .limit(20);
      for (const row of candidates) {
        const lockedUntil = new Date(now.getTime() + leaseMs);
        if (row.serial_key) {
          const inserted = await trx('job_locks')
            .insert({ serial_key: row.serial_key, job_id: row.id, locked_by: workerId, locked_until: lockedUntil })
            .onConflict('serial_key')
            .ignore()
            .returning('serial_key');
          if (inserted.length === 0) continue;
        }
        const claimed = await trx('jobs')
          .where({ id: row.id, status: 'queued' })
          .update({
            status: 'running',
            locked_by: workerId,
            locked_until: lockedUntil,
            attempts: row.attempts + 1,
            updated_at: now,
          });
        if (claimed === 1) {
          return {
            id: row.id,
            kind: row.kind,
            serialKey: row.serial_key,
            payload: JSON.parse(row.payload),
            attempts: row.attempts + 1,
          };
        }
        if (row.serial_key) await trx('job_locks').where({ job_id: row.id }).delete();
      }
      return undefined;
    });
  }

  /** Keeps the lease of a running job alive; false when the job is no longer ours. */
  async extendLease(job: Job, workerId: string, leaseMs: number): Promise<boolean> {
    const lockedUntil = new Date(Date.now() + leaseMs);
    return this.db.transaction(async trx => {
      const updated = await trx('jobs')
        .where({ id: job.id, status: 'running', locked_by: workerId })
        .update({ locked_until: lockedUntil });
      if (updated === 0) return false;
      await trx('job_locks').where({ job_id: job.id }).update({ locked_until: lockedUntil });
      return true;
    });
  }

  async complete(job: Job): Promise<void> {
    await this.db.transaction(async trx => {
      await trx('jobs').where({ id: job.id }).update({
        status: 'done',
        locked_by: null,
        locked_until: null,
        updated_at: new Date(),
      });
      await trx('job_locks').where({ job_id: job.id }).delete();
    });
  }

  /** Puts the job back with exponential backoff, or ends it after the last attempt. */
  async fail(job: Job, error: Error): Promise<'retrying' | 'failed'> {
    const outcome = job.attempts >= MAX_ATTEMPTS ? 'failed' : 'retrying';
    const now = new Date();
    await this.db.transaction(async trx => {
      await trx('jobs')
        .where({ id: job.id })
        .update({
          status: outcome === 'failed' ? 'failed' : 'queued',
          run_after: new Date(now.getTime() + 1000 * 2 ** job.attempts),
          last_error: error.message.slice(0, 4000),
          locked_by: null,
          locked_until: null,
          updated_at: now,
        });
      await trx('job_locks').where({ job_id: job.id }).delete();
    });
    return outcome;
  }

  private async releaseExpiredLeases(trx: Knex.Transaction, now: Date) {
    const expired = await trx('jobs').where({ status: 'running' }).where('locked_until', '<', now).select('id');
    if (expired.length === 0) return;
    const ids = expired.map(row => row.id);
    await trx('jobs').whereIn('id', ids).update({ status: 'queued', locked_by: null, locked_until: null, updated_at: now });
    await trx('job_locks').whereIn('job_id', ids).delete();
  }
}
