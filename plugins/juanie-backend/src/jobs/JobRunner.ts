import { LoggerService } from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import { Job, JobQueue } from './JobQueue';

/** What runs jobs of one kind. */
export interface JobHandler {
  run(job: Job): Promise<void>;
  /** Called once when the last attempt failed, to record the failure where people see it. */
  giveUp?(job: Job, error: Error): Promise<void>;
}

export interface JobRunnerOptions {
  logger: LoggerService;
  /** Jobs run at once by this replica (different serial keys only); default 4. */
  concurrency?: number;
  /** How long a claimed job is ours before another replica may take it; renewed while running. */
  leaseMs?: number;
  /** How often to look for work when nothing woke us; default 1 s. */
  pollMs?: number;
  workerId?: string;
}

/**
 * Runs the durable jobs of the queue in this replica: claims them, renews their lease while
 * they run, completes or fails them. Enqueuing code in the same replica calls `wake()` so work
 * starts at once; other replicas find it at their next poll.
 */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly running = new Set<Promise<void>>();
  private readonly workerId: string;
  private timer?: NodeJS.Timeout;
  private stopped = true;
  /** The poll in progress: stopping waits for it, so no claim runs after shutdown. */
  private polling?: Promise<void>;
  private pollAgain = false;

  constructor(
    private readonly queue: JobQueue,
    private readonly options: JobRunnerOptions,
  ) {
    this.workerId = options.workerId ?? `juanie-${randomUUID()}`;
  }

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops claiming and waits for the jobs in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
    await Promise.allSettled([...this.running]);
  }

  /** Looks for work now (after an enqueue in this replica). */
  wake(): void {
    if (!this.stopped) this.schedule(0);
  }

  private schedule(delayMs: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), delayMs);
  }

  private async poll(): Promise<void> {
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = this.claimWhileFree().catch(error => {
      this.options.logger.warn(`Job queue poll failed: ${error}`);
    });
    try {
      await this.polling;
    } finally {
      this.polling = undefined;
    }
    if (this.stopped) return;
    const again = this.pollAgain;
    this.pollAgain = false;
    this.schedule(again ? 0 : this.options.pollMs ?? 1000);
  }

  private async claimWhileFree() {
    const concurrency = this.options.concurrency ?? 4;
    while (!this.stopped && this.running.size < concurrency) {
      const job = await this.queue.claim(this.workerId, this.leaseMs);
      if (!job) return;
      const run = this.run(job).finally(() => {
        this.running.delete(run);
        // A finished job may free a serial key that queued jobs wait for.
        this.wake();
      });
      this.running.add(run);
    }
  }

  private get leaseMs() {
    return this.options.leaseMs ?? 120_000;
  }

  private async run(job: Job): Promise<void> {
    const handler = this.handlers.get(job.kind);
    const heartbeat = setInterval(
      () => void this.queue.extendLease(job, this.workerId, this.leaseMs).catch(() => undefined),
      this.leaseMs / 3,
    );
    try {
      if (!handler) throw new Error(`No handler for jobs of kind ${job.kind}`);
      await handler.run(job);
      await this.queue.complete(job);
    } catch (error) {
      const outcome = await this.queue.fail(job, error as Error);
      this.options.logger.warn(
        `Job ${job.kind} ${job.id} attempt ${job.attempts} failed (${outcome}): ${(error as Error).message}`,
      );
      if (outcome === 'failed') await handler?.giveUp?.(job, error as Error);
    } finally {
      clearInterval(heartbeat);
    }
  }
}
