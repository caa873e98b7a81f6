import {
  coreServices,
  createServiceFactory,
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';

type ScheduledTask = SchedulerServiceTaskScheduleDefinition & SchedulerServiceTaskInvocationDefinition;

/**
 * The scheduler of test backends. Like Backstage's mock scheduler it runs every task once when
 * the backend has started; unlike it, `runTask` lets a test run one again and see it throw
 * (the mock's `triggerTask` keeps a task's error to itself).
 */
export function createTestScheduler() {
  const tasks = new Map<string, ScheduledTask>();
  const abort = new AbortController();
  const run = async (id: string) => {
    const task = tasks.get(id);
    if (!task) throw new Error(`No scheduled task ${id}; scheduled: ${[...tasks.keys()].join(', ')}`);
    await task.fn(abort.signal);
  };
  const service: SchedulerService = {
    async scheduleTask(task) {
      tasks.set(task.id, task);
    },
    createScheduledTaskRunner(schedule) {
      return { run: async task => service.scheduleTask({ ...task, ...schedule }) };
    },
    async getScheduledTasks() {
      return [...tasks.values()].map(task => ({ id: task.id, scope: task.scope ?? 'global', settings: { version: 1 } }));
    },
    async triggerTask(id) {
      await run(id);
    },
    async cancelTask() {},
  };
  const factory = createServiceFactory({
    service: coreServices.scheduler,
    deps: { lifecycle: coreServices.lifecycle, logger: coreServices.logger },
    factory({ lifecycle, logger }) {
      lifecycle.addStartupHook(async () => {
        for (const id of tasks.keys()) {
          await run(id).catch(error => logger.error(`Scheduled task ${id} failed at start: ${error}`));
        }
      });
      lifecycle.addShutdownHook(() => abort.abort());
      return service;
    },
  });
  return {
    factory,
    /** Runs a scheduled task of the plugin now; rejects with the task's error. */
    runTask: run,
  };
}
