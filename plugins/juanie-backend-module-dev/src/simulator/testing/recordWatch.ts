import { KubeConfig, Watch } from '@kubernetes/client-node';

/** One event as `Watch` delivers it. */
export interface ReceivedEvent {
  type: string;
  object: any;
}

/** An open `Watch` of the real client, recording what it receives (for tests). */
export interface RecordedWatch {
  events: ReceivedEvent[];
  /** Resolves when the client reports the watch done: null when closed, else the error. */
  done: Promise<unknown>;
  abort(): void;
}

export async function recordWatch(
  kubeConfig: KubeConfig,
  path: string,
  query: Record<string, string | boolean | number> = {},
): Promise<RecordedWatch> {
  const events: ReceivedEvent[] = [];
  let finish: (error: unknown) => void = () => {};
  const done = new Promise<unknown>(resolve => {
    finish = resolve;
  });
  const controller = await new Watch(kubeConfig).watch(
    path,
    query,
    (type, object) => events.push({ type, object }),
    error => finish(error ?? null),
  );
  return { events, done, abort: () => controller.abort() };
}
