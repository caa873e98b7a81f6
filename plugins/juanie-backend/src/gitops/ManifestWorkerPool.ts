import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  ManifestTask,
  ManifestTaskResult,
  runManifestTask,
} from './manifestTasks';
import { MANIFEST_WORKER_FLAG, WorkerReply } from './manifestWorker';
import { ManifestTooLargeError } from '@juanie/plugin-juanie-node';

/** Runs manifest tasks: on worker threads ({@link ManifestWorkerPool}) or in-process. */
export interface ManifestWork {
  run<T extends ManifestTask>(task: T): Promise<ManifestTaskResult<T>>;
  close(): Promise<void>;
}

/** Runs tasks on the calling thread; for unit tests and `juanie.gitops.editorWorkers: 0`. */
export class InProcessManifestWork implements ManifestWork {
  async run<T extends ManifestTask>(task: T): Promise<ManifestTaskResult<T>> {
    return runManifestTask(task);
  }

  async close(): Promise<void> {}
}

export interface ManifestWorkerPoolOptions {
  /** Worker threads; default the cores less one, at least 1 and at most 4. */
  size?: number;
  /** Tasks waiting for a worker before new ones are refused with 503; default 64. */
  maxQueued?: number;
  /** Time budget of one task; past it the worker is stopped and the task answers 503. Default 30 s. */
  timeoutMs?: number;
}

interface Pending {
  id: number;
  task: ManifestTask;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  busy?: { pending: Pending; timer: NodeJS.Timeout };
}

// The worker entry sits next to this module: `.ts` in the source (Jest, `backstage-cli package
// start`), `.cjs.js` in the built package, where the bundler emits it because this module imports it.
const WORKER_ENTRY = __filename.replace(
  /ManifestWorkerPool(\.[^/\\]+)$/,
  'manifestWorker$1',
);

function workerExecArgv(): string[] | undefined {
  if (!WORKER_ENTRY.endsWith('.ts')) return undefined;
  // Source files need the same TypeScript transform the back end runs with in development.
  return [
    ...process.execArgv,
    '--require',
    require.resolve('@backstage/cli/config/nodeTransform.cjs'),
  ];
}

/** Rebuilds an error a worker reported, with the class Backstage maps to its status. */
function errorFrom(error: {
  name: string;
  message: string;
  statusCode?: number;
}): Error {
  switch (error.name) {
    case 'InputError':
      return new InputError(error.message);
    case 'NotFoundError':
      return new NotFoundError(error.message);
    case 'ConflictError':
      return new ConflictError(error.message);
    case 'NotAllowedError':
      return new NotAllowedError(error.message);
    case 'ManifestTooLargeError':
      return new ManifestTooLargeError(error.message);
    default:
      return Object.assign(new Error(error.message), {
        name: error.name,
        ...(error.statusCode ? { statusCode: error.statusCode } : {}),
      });
  }
}

/**
 * A small pool of worker threads for the heavy, synchronous work on manifests (parsing, editing,
 * validating), so one large request never stalls the event loop that answers the others. Tasks
 * wait in a bounded queue; a task that throws fails alone, and one that exceeds its time budget
 * has its worker stopped (a new one takes its place) and answers 503.
 */
export class ManifestWorkerPool implements ManifestWork {
  private readonly size: number;
  private readonly maxQueued: number;
  private readonly timeoutMs: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: ManifestWorkerPoolOptions = {}) {
    this.size = Math.max(
      1,
      options.size ?? Math.min(4, availableParallelism() - 1),
    );
    this.maxQueued = options.maxQueued ?? 64;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  run<T extends ManifestTask>(task: T): Promise<ManifestTaskResult<T>> {
    if (this.closed) {
      return Promise.reject(
        new ServiceUnavailableError('The manifest workers are shutting down'),
      );
    }
    if (this.queue.length >= this.maxQueued) {
      return Promise.reject(
        new ServiceUnavailableError(
          `${this.queue.length} manifest changes are waiting already; try again shortly`,
        ),
      );
    }
    return new Promise<ManifestTaskResult<T>>((resolve, reject) => {
      this.queue.push({
        id: this.nextId++,
        task,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) {
      pending.reject(
        new ServiceUnavailableError('The manifest workers are shutting down'),
      );
    }
    await Promise.all(this.slots.splice(0).map(slot => this.stop(slot)));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find(s => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.start();
      if (!slot) return;
      const pending = this.queue.shift()!;
      const timer = setTimeout(() => this.timedOut(slot!), this.timeoutMs);
      slot.busy = { pending, timer };
      slot.worker.ref();
      slot.worker.postMessage({ id: pending.id, task: pending.task });
    }
  }

  private start(): Slot {
    const worker = new Worker(WORKER_ENTRY, {
      workerData: { [MANIFEST_WORKER_FLAG]: true },
      execArgv: workerExecArgv(),
    });
    const slot: Slot = { worker };
    worker.on('message', (reply: WorkerReply) => this.answered(slot, reply));
    worker.on('error', (error: Error) =>
      this.lost(slot, `A manifest worker failed: ${error.message}`),
    );
    worker.on('exit', code =>
      this.lost(slot, `A manifest worker stopped (exit code ${code})`),
    );
    // An idle worker does not keep the process alive.
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private answered(slot: Slot, reply: WorkerReply): void {
    const busy = slot.busy;
    if (!busy || busy.pending.id !== reply.id) return;
    clearTimeout(busy.timer);
    slot.busy = undefined;
    slot.worker.unref();
    if ('error' in reply) busy.pending.reject(errorFrom(reply.error));
    else busy.pending.resolve(reply.result);
    this.dispatch();
  }

  private timedOut(slot: Slot): void {
    const busy = slot.busy;
    if (!busy) return;
    slot.busy = undefined;
    busy.pending.reject(
      new ServiceUnavailableError(
        `Changing the manifests took more than ${this.timeoutMs} ms and was stopped; the files may be too large`,
      ),
    );
    this.remove(slot);
    this.stop(slot).finally(() => this.dispatch());
  }

  /** A worker died: its task fails (500), a new worker takes the next one. */
  private lost(slot: Slot, message: string): void {
    if (!this.remove(slot)) return;
    if (slot.busy) {
      clearTimeout(slot.busy.timer);
      slot.busy.pending.reject(new Error(message));
      slot.busy = undefined;
    }
    if (!this.closed) this.dispatch();
  }

  private remove(slot: Slot): boolean {
    const index = this.slots.indexOf(slot);
    if (index < 0) return false;
    this.slots.splice(index, 1);
    return true;
  }

  private async stop(slot: Slot): Promise<void> {
    slot.worker.removeAllListeners('exit');
    slot.worker.removeAllListeners('error');
    slot.worker.on('error', () => {}); // it is going away; nothing waits on it any more
    await slot.worker.terminate();
  }
}

/** The pool configured by `juanie.gitops.editorWorkers` and `editorTimeoutMs` (0 workers: in-process). */
export function createManifestWork(config: {
  getOptionalNumber(key: string): number | undefined;
}): ManifestWork {
  const size = config.getOptionalNumber('juanie.gitops.editorWorkers');
  if (size === 0) return new InProcessManifestWork();
  return new ManifestWorkerPool({
    size,
    timeoutMs: config.getOptionalNumber('juanie.gitops.editorTimeoutMs'),
  });
}
