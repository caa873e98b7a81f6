import { LoggerService } from '@backstage/backend-plugin-api';
import { CustomObjectsApi, KubeConfig, Watch } from '@kubernetes/client-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { FluxKind } from './fluxKinds';
import { FluxObjectKey, KubeFluxObject } from './FluxObjectStore';

/** What a watcher reports: an object as the cluster has it now, or its deletion. */
export interface FluxWatchEvents {
  observed(object: KubeFluxObject): Promise<void>;
  deleted(key: FluxObjectKey): Promise<void>;
  /** After a (re)list: every object of the kind the cluster has, to find the deleted ones. */
  listed(objects: KubeFluxObject[]): Promise<void>;
  /** The cluster answered, or did not (with the error). */
  reachability(reachable: boolean, error?: Error): Promise<void>;
}

const MAX_BACKOFF_MS = 30_000;

class GoneError extends Error {}

/**
 * One list-then-watch of one Flux kind in one cluster (and namespace, or all): lists, then
 * watches from the list's resourceVersion; a dropped watch resumes from the last
 * resourceVersion seen (bookmarks keep it fresh); 410 Gone means the history is gone, so it
 * lists again; any other failure backs off exponentially and retries, for ever, until stopped.
 */
export class FluxWatcher {
  private stopped = false;
  private abort?: AbortController;
  private resourceVersion?: string;
  private failures = 0;
  private loop?: Promise<void>;

  constructor(
    private readonly options: {
      cluster: string;
      kubeConfig: KubeConfig;
      kind: FluxKind;
      namespace?: string;
      events: FluxWatchEvents;
      logger: LoggerService;
      /** Ends a quiet watch after this many seconds, to resume it (default 300). */
      watchTimeoutSeconds?: number;
    },
  ) {}

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    await this.loop;
  }

  private get path() {
    const { group, version, plural } = this.options.kind;
    const namespace = this.options.namespace;
    return namespace
      ? `/apis/${group}/${version}/namespaces/${namespace}/${plural}`
      : `/apis/${group}/${version}/${plural}`;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (!this.resourceVersion) await this.list();
        await this.watch();
        this.failures = 0;
      } catch (error) {
        if (this.stopped) return;
        if (error instanceof GoneError) {
          this.options.logger.info(`${this.describe()}: resourceVersion expired (410 Gone); listing again`);
          this.resourceVersion = undefined;
          continue;
        }
        this.failures++;
        await this.options.events.reachability(false, error as Error).catch(() => undefined);
        const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(this.failures, 10));
        this.options.logger.warn(`${this.describe()} failed (${(error as Error).message}); retrying in ${delay} ms`);
        await sleep(delay * (0.5 + Math.random() / 2));
      }
    }
  }

  private async list() {
    const api = this.options.kubeConfig.makeApiClient(CustomObjectsApi);
    const { group, version, plural, kind } = this.options.kind;
    const namespace = this.options.namespace;
    const result = (namespace
      ? await api.listNamespacedCustomObject({ group, version, plural, namespace })
      : await api.listClusterCustomObject({ group, version, plural })) as {
      items?: KubeFluxObject[];
      metadata?: { resourceVersion?: string };
    };
    const items = (result.items ?? []).map(item => ({ ...item, kind }));
    await this.options.events.reachability(true);
    for (const item of items) await this.options.events.observed(item);
    await this.options.events.listed(items);
    this.resourceVersion = result.metadata?.resourceVersion;
  }

  /** Resolves when the watch ends normally (timeout, server closed); rejects on errors. */
  private watch(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // Events are handled one after another, in the order the API server sent them.
      let queue = Promise.resolve();
      let gone = false;
      const handle = (type: string, object: KubeFluxObject & { code?: number }) => {
        queue = queue.then(async () => {
          if (gone || this.stopped) return;
          if (type === 'ERROR') {
            if (object.code === 410) gone = true;
            return;
          }
          const resourceVersion = object.metadata?.resourceVersion;
          if (type === 'ADDED' || type === 'MODIFIED') {
            await this.options.events.observed({ ...object, kind: this.options.kind.kind });
          } else if (type === 'DELETED') {
            await this.options.events.deleted({
              cluster: this.options.cluster,
              kind: this.options.kind.kind,
              namespace: object.metadata?.namespace ?? '',
              name: object.metadata?.name ?? '',
            });
          }
          if (resourceVersion) this.resourceVersion = resourceVersion;
        });
      };
      const done = (error: unknown) => {
        queue.then(() => {
          if (gone) reject(new GoneError());
          else if (error && !this.stopped && (error as Error).name !== 'AbortError') reject(error);
          else resolve();
        }, reject);
      };
      new Watch(this.options.kubeConfig)
        .watch(
          this.path,
          {
            allowWatchBookmarks: true,
            resourceVersion: this.resourceVersion,
            timeoutSeconds: this.options.watchTimeoutSeconds ?? 300,
          },
          (type, object) => handle(type, object),
          done,
        )
        .then(abort => {
          this.abort = abort;
          if (this.stopped) abort.abort();
          return this.options.events.reachability(true);
        })
        .catch(reject);
    });
  }

  private describe() {
    const where = this.options.namespace ? ` in ${this.options.namespace}` : '';
    return `Watch of ${this.options.kind.kind}${where} on cluster ${this.options.cluster}`;
  }
}
