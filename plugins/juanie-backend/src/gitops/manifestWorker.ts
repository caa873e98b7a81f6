import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runManifestTask, ManifestTask } from './manifestTasks';

/** What a worker answers for one task. */
export type WorkerReply =
  | { id: number; result: unknown }
  | {
      id: number;
      error: { name: string; message: string; statusCode?: number };
    };

/** Marks the workers {@link ManifestWorkerPool} starts (this module is also imported by it). */
export const MANIFEST_WORKER_FLAG = 'juanieManifestWorker';

/** Serves tasks from the pool, one at a time, answering errors as name, message and status. */
function serve() {
  parentPort!.on(
    'message',
    ({ id, task }: { id: number; task: ManifestTask }) => {
      let reply: WorkerReply;
      try {
        reply = { id, result: runManifestTask(task) };
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        const statusCode = (e as { statusCode?: unknown }).statusCode;
        reply = {
          id,
          error: {
            name: e.name,
            message: e.message,
            ...(typeof statusCode === 'number' ? { statusCode } : {}),
          },
        };
      }
      parentPort!.postMessage(reply);
    },
  );
}

if (!isMainThread && workerData?.[MANIFEST_WORKER_FLAG]) serve();
