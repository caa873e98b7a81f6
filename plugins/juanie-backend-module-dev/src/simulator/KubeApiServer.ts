import { LoggerService } from '@backstage/backend-plugin-api';
import http, { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeApiError, reasonForCode } from './KubeApiError';
import { KubeApiContext, routeKubeRequest, sendJson } from './kubeApiRoutes';
import { mergePatch } from './objectPatches';
import { KubeObject, ObjectRef, ObjectStore } from './ObjectStore';
import { findTypeByKind } from './resourceTypes';
import { WatchStream } from './WatchStream';

export interface KubeApiServerOptions {
  /** The port on 127.0.0.1; a free one when absent. `restart()` keeps it. */
  port?: number;
  /** When set, every request must carry `Authorization: Bearer <token>` or gets 401. */
  bearerToken?: string;
  /** Events kept for watches to resume from (default 1,000). */
  historyLimit?: number;
  /** How often watches that asked for bookmarks get one (default 10 s). */
  bookmarkIntervalMs?: number;
  logger?: LoggerService;
}

/** A write seen by {@link KubeApiServer.onChange}; `previous` is the object before it. */
export interface KubeChangeEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
  previous?: KubeObject;
}

/** A metadata map of both objects merged, or nothing when both have none. */
function merged(
  field: 'labels' | 'annotations',
  current: KubeObject,
  declared: KubeObject,
) {
  const map = { ...current.metadata[field], ...declared.metadata?.[field] };
  return Object.keys(map).length ? { [field]: map } : {};
}

/**
 * A small Kubernetes API server on 127.0.0.1 for the kinds Juanie uses (Flux objects,
 * Deployments, Namespaces, CRDs): discovery, get, list, watch with resourceVersion resume
 * and 410 Expired, create, replace, merge / JSON patch, server-side apply, `/status` and
 * delete. Faults can be injected to test clients' resilience. It is the cluster of the
 * tests and of the local portal, with the Flux simulator playing the controllers.
 */
export class KubeApiServer {
  private readonly store: ObjectStore;
  private readonly watches = new Set<WatchStream>();
  private readonly context: KubeApiContext;
  private server?: http.Server;
  private port: number;
  private latencyMs = 0;
  private failures = { remaining: 0, statusCode: 500 };

  constructor(private readonly options: KubeApiServerOptions = {}) {
    this.port = options.port ?? 0;
    this.store = new ObjectStore(options.historyLimit ?? 1000);
    this.context = {
      store: this.store,
      bookmarkIntervalMs: options.bookmarkIntervalMs ?? 10_000,
      openWatch: (response, request) => {
        const stream = new WatchStream(this.store, response, request, s =>
          this.watches.delete(s),
        );
        // Tracked once started: a bad resourceVersion throws (a 400) before anything is sent.
        stream.start();
        this.watches.add(stream);
      },
    };
  }

  /** `http://127.0.0.1:<port>`, once started. */
  get url(): string {
    if (!this.server)
      throw new Error('The Kubernetes API server is not started');
    return `http://127.0.0.1:${this.port}`;
  }

  /** The cluster's current resourceVersion. */
  get resourceVersion(): string {
    return String(this.store.resourceVersion);
  }

  /** Starts listening; resolves to the server's URL. */
  async start(): Promise<string> {
    if (this.server) return this.url;
    const server = http.createServer((request, response) => {
      this.handle(request, response).catch(error =>
        this.answerError(response, error),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    this.options.logger?.info(
      `Simulated Kubernetes API server listening on ${this.url}`,
    );
    return this.url;
  }

  /** Closes the listening socket and every connection, watches included. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>(resolve => server.close(() => resolve()));
    this.dropWatches();
    server.closeAllConnections();
    await closed;
  }

  /**
   * Stops and listens again on the same port, keeping the objects. The history is dropped
   * and the resourceVersion moves on, so every client has to list again (410 on resume).
   */
  async restart(): Promise<void> {
    await this.stop();
    this.store.compact({ advance: true });
    await this.start();
  }

  /** Cuts every open watch connection, as a network failure or a load balancer would. */
  dropWatches(): void {
    [...this.watches].forEach(watch => watch.destroy());
  }

  /** Drops the event history: watches from an older resourceVersion get 410 Expired. */
  compact(): void {
    this.store.compact();
  }

  /** Delays every response (watches included) by `ms`. */
  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  /** Answers the next `count` requests, whatever they are, with `statusCode`. */
  failNext(count: number, statusCode = 500): void {
    this.failures = { remaining: count, statusCode };
  }

  /** Creates the object, or merges it into the stored one (status included). */
  apply(object: KubeObject): KubeObject {
    const ref = this.ref(
      object.apiVersion,
      object.kind,
      object.metadata?.namespace,
      object.metadata?.name,
    );
    if (this.store.get(ref))
      return this.store.update(
        ref,
        current => mergePatch(current, object),
        'everything',
      );
    return this.store.create(ref.type, ref.namespace, object, 'everything');
  }

  /**
   * Creates the object, or makes the stored one what `object` declares, as kustomize-controller's
   * server-side apply does for the fields it owns: labels and annotations merged, spec
   * replaced (so removed values go), status left to the controllers.
   */
  applyDeclared(object: KubeObject): KubeObject {
    const ref = this.ref(
      object.apiVersion,
      object.kind,
      object.metadata?.namespace,
      object.metadata?.name,
    );
    if (!this.store.get(ref))
      return this.store.create(ref.type, ref.namespace, object, 'object');
    return this.store.update(
      ref,
      current => ({
        ...current,
        metadata: {
          ...current.metadata,
          ...merged('labels', current, object),
          ...merged('annotations', current, object),
          resourceVersion: undefined,
        },
        spec: (object as { spec?: unknown }).spec,
      }),
      'object',
    );
  }

  get(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    return this.store.get(this.ref(apiVersion, kind, namespace, name));
  }

  /** Objects of a kind, in one namespace or all. */
  list(apiVersion: string, kind: string, namespace?: string): KubeObject[] {
    return this.store.list(
      this.ref(apiVersion, kind, namespace, '').type,
      namespace,
    );
  }

  /** Merges `status` (RFC 7386) into the object's status, as a controller would. */
  patchStatus(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
    status: unknown,
  ): KubeObject {
    return this.store.update(
      this.ref(apiVersion, kind, namespace, name),
      current => ({ ...current, status: mergePatch(current.status, status) }),
      'status',
    );
  }

  /** Deletes the object; false when there was none. */
  delete(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): boolean {
    const ref = this.ref(apiVersion, kind, namespace, name);
    if (!this.store.get(ref)) return false;
    this.store.delete(ref);
    return true;
  }

  /** Calls `listener` after every write; returns the function that unsubscribes. */
  onChange(listener: (event: KubeChangeEvent) => void): () => void {
    return this.store.subscribe(({ type, object, previous }) => {
      try {
        listener({ type, object, previous });
      } catch (error) {
        this.options.logger?.warn(`A change listener failed: ${error}`);
      }
    });
  }

  private ref(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): ObjectRef {
    const type = findTypeByKind(apiVersion, kind);
    if (!type)
      throw new Error(
        `The simulated API server does not serve ${apiVersion} ${kind}`,
      );
    return { type, namespace, name };
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    if (this.failures.remaining > 0) {
      this.failures.remaining--;
      const code = this.failures.statusCode;
      throw new KubeApiError(
        code,
        reasonForCode(code),
        `injected failure (${code})`,
      );
    }
    const token = this.options.bearerToken;
    if (token && request.headers.authorization !== `Bearer ${token}`)
      throw new KubeApiError(401, 'Unauthorized', 'Unauthorized');
    await routeKubeRequest(this.context, request, response);
  }

  private answerError(response: ServerResponse, error: unknown) {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    if (error instanceof KubeApiError) {
      sendJson(response, error.code, error.toStatus());
      return;
    }
    this.options.logger?.error(`Simulated API server failed: ${error}`);
    const internal = new KubeApiError(500, 'InternalError', String(error));
    sendJson(response, 500, internal.toStatus());
  }
}
