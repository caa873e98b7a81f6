import { ServerResponse } from 'node:http';
import { KubeApiError } from './KubeApiError';
import { KubeObject, ObjectStore, StoreEvent } from './ObjectStore';
import { apiVersionOf, ResourceType } from './resourceTypes';
import { ObjectFilter } from './selectors';

export interface WatchRequest {
  type: ResourceType;
  /** Only this namespace's objects; all when absent. */
  namespace?: string;
  /** Resume after this version; absent or '0' starts with every current object as ADDED. */
  resourceVersion?: string;
  filter: ObjectFilter;
  allowBookmarks: boolean;
  timeoutSeconds?: number;
  bookmarkIntervalMs: number;
}

type WatchEventType = StoreEvent['type'] | 'BOOKMARK' | 'ERROR';

/** The resourceVersion to resume after; undefined means "start from the current state". */
export function parseResumeVersion(value?: string): number | undefined {
  if (value === undefined || value === '' || value === '0') return undefined;
  if (!/^\d+$/.test(value))
    throw KubeApiError.badRequest(`invalid resource version: "${value}"`);
  return Number(value);
}

/**
 * One open watch: newline-delimited JSON events over a chunked response, as the API server
 * streams them. Replays the stored history after the requested resourceVersion, then
 * follows live writes; an object entering or leaving the selector is ADDED or DELETED,
 * as for the real watch cache.
 */
export class WatchStream {
  private readonly timers: NodeJS.Timeout[] = [];
  private unsubscribe?: () => void;

  constructor(
    private readonly store: ObjectStore,
    private readonly response: ServerResponse,
    private readonly request: WatchRequest,
    private readonly onClose: (stream: WatchStream) => void,
  ) {}

  /** Sends the headers, the replay (or a 410 ERROR event), then follows the store. */
  start(): void {
    const { response, request } = this;
    const resumeAfter = parseResumeVersion(request.resourceVersion);
    response.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
    });
    response.flushHeaders();
    response.on('close', () => this.cleanUp());
    if (resumeAfter === undefined) {
      for (const object of this.store.list(
        request.type,
        request.namespace,
        request.filter,
      ))
        this.send('ADDED', object);
    } else {
      const replay = this.store.eventsSince(resumeAfter);
      if (!replay) {
        this.expire(resumeAfter);
        return;
      }
      replay.forEach(event => this.forward(event));
    }
    this.unsubscribe = this.store.subscribe(event => this.forward(event));
    if (request.allowBookmarks) {
      this.timers.push(
        setInterval(() => this.bookmark(), request.bookmarkIntervalMs),
      );
    }
    if (request.timeoutSeconds) {
      this.timers.push(
        setTimeout(() => response.end(), request.timeoutSeconds * 1000),
      );
    }
  }

  /** Cuts the connection without ending the response, as a network failure would. */
  destroy(): void {
    this.response.destroy();
  }

  private forward(event: StoreEvent): void {
    const { type, namespace, filter } = this.request;
    if (event.resourceType !== type) return;
    const inScope = (object?: KubeObject) =>
      !!object &&
      (!namespace || object.metadata.namespace === namespace) &&
      filter(object);
    const now = event.type !== 'DELETED' && inScope(event.object);
    const before = event.type !== 'ADDED' && inScope(event.previous);
    if (now && before) this.send(event.type, event.object);
    else if (now) this.send('ADDED', event.object);
    else if (before) this.send('DELETED', event.object);
  }

  private bookmark(): void {
    const { type } = this.request;
    this.send('BOOKMARK', {
      apiVersion: apiVersionOf(type),
      kind: type.kind,
      metadata: { resourceVersion: String(this.store.resourceVersion) },
    });
  }

  /** The real API server answers a too-old resourceVersion with 200 and an ERROR event. */
  private expire(resourceVersion: number): void {
    const gone = new KubeApiError(
      410,
      'Expired',
      `too old resource version: ${resourceVersion} (${this.store.oldestResourceVersion})`,
    );
    this.send('ERROR', gone.toStatus());
    this.response.end();
  }

  private send(type: WatchEventType, object: unknown): void {
    if (!this.response.writableEnded)
      this.response.write(`${JSON.stringify({ type, object })}\n`);
  }

  private cleanUp(): void {
    this.unsubscribe?.();
    this.timers.forEach(timer => clearTimeout(timer));
    this.onClose(this);
  }
}
