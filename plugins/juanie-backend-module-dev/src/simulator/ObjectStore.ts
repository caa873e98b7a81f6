import { randomUUID } from 'node:crypto';
import { KubeApiError } from './KubeApiError';
import { normalizeObject } from './normalizeObject';
import { jsonEqual } from './objectPatches';
import { ResourceType } from './resourceTypes';
import type { ObjectFilter } from './selectors';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

/** Any Kubernetes object, as JSON. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: unknown;
  status?: unknown;
  [field: string]: unknown;
}

/** One write, as watches see it; `previous` is the object before the write. */
export interface StoreEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resourceType: ResourceType;
  object: KubeObject;
  previous?: KubeObject;
  resourceVersion: number;
}

export interface ObjectRef {
  type: ResourceType;
  /** Ignored for cluster-scoped kinds. */
  namespace?: string;
  name: string;
}

/**
 * Which parts of the object a write may change. Over HTTP, as on a real cluster, writes to
 * the object leave `status` alone and writes to `/status` change nothing else; `everything`
 * is for seeding objects from code (tests and the simulator).
 */
export type WriteMode = 'object' | 'status' | 'everything';

const timestamp = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/** Sets or (for undefined) removes a top-level field, so equal objects compare equal. */
function withField(object: KubeObject, field: string, value: unknown) {
  const copy = { ...object };
  if (value === undefined) delete copy[field];
  else copy[field] = value;
  return copy;
}

/**
 * The objects of the simulated cluster and their history: one global resourceVersion bumped
 * on every write (like etcd's revision), and the last `historyLimit` events so that watches
 * can resume from a resourceVersion, or learn with 410 that it is too old.
 */
export class ObjectStore {
  private readonly objects = new Map<ResourceType, Map<string, KubeObject>>();
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private history: StoreEvent[] = [];
  private revision = 0;
  private oldestServable = 0;

  constructor(private readonly historyLimit = 1000) {}

  get resourceVersion(): number {
    return this.revision;
  }

  /** The oldest resourceVersion a watch can start from; older ones get 410 Expired. */
  get oldestResourceVersion(): number {
    return this.oldestServable;
  }

  get(ref: ObjectRef): KubeObject | undefined {
    const object = this.find(ref);
    return object && structuredClone(object);
  }

  /** Objects of a kind (in one namespace, or all), in key order as etcd lists them. */
  list(type: ResourceType, namespace?: string, filter?: ObjectFilter) {
    const objects = [...(this.objects.get(type)?.entries() ?? [])]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, object]) => object)
      .filter(
        o =>
          !namespace || !type.namespaced || o.metadata.namespace === namespace,
      )
      .filter(o => !filter || filter(o));
    return objects.map(o => structuredClone(o));
  }

  create(
    type: ResourceType,
    namespace: string | undefined,
    body: unknown,
    mode: WriteMode,
  ) {
    const object = normalizeObject(type, namespace, undefined, body);
    if (this.find({ type, namespace, name: object.metadata.name }))
      throw KubeApiError.alreadyExists(type, object.metadata.name);
    const created: KubeObject = {
      ...(mode === 'everything'
        ? object
        : withField(object, 'status', undefined)),
      metadata: {
        ...object.metadata,
        uid: randomUUID(),
        creationTimestamp: timestamp(),
        generation: 1,
      },
    };
    delete created.metadata.resourceVersion;
    return this.commit('ADDED', type, created);
  }

  /**
   * Changes an object: `change` gets a copy of the stored object and returns the intended
   * one. A resourceVersion in the result must still be current (optimistic concurrency);
   * `generation` moves when `spec` changes; a write that changes nothing is not an event.
   */
  update(
    ref: ObjectRef,
    change: (current: KubeObject) => unknown,
    mode: WriteMode,
  ) {
    const current = this.find(ref);
    if (!current) throw KubeApiError.notFound(ref.type, ref.name);
    const proposed = normalizeObject(
      ref.type,
      ref.namespace,
      ref.name,
      change(structuredClone(current)),
    );
    const sentVersion = proposed.metadata.resourceVersion;
    if (sentVersion && sentVersion !== current.metadata.resourceVersion)
      throw KubeApiError.conflict(ref.type, ref.name);
    let next: KubeObject;
    if (mode === 'status') next = withField(current, 'status', proposed.status);
    else if (mode === 'object')
      next = withField(proposed, 'status', current.status);
    else next = proposed;
    next = {
      ...next,
      metadata: {
        ...next.metadata,
        uid: current.metadata.uid,
        creationTimestamp: current.metadata.creationTimestamp,
        resourceVersion: current.metadata.resourceVersion,
        generation:
          (current.metadata.generation ?? 1) +
          (jsonEqual(next.spec, current.spec) ? 0 : 1),
      },
    };
    if (jsonEqual(next, current)) return structuredClone(current);
    return this.commit('MODIFIED', ref.type, next, current);
  }

  delete(ref: ObjectRef): KubeObject {
    const current = this.find(ref);
    if (!current) throw KubeApiError.notFound(ref.type, ref.name);
    return this.commit('DELETED', ref.type, structuredClone(current), current);
  }

  /** Events after `resourceVersion`, or undefined when the history no longer reaches it. */
  eventsSince(resourceVersion: number): StoreEvent[] | undefined {
    if (resourceVersion < this.oldestServable) return undefined;
    return this.history.filter(e => e.resourceVersion > resourceVersion);
  }

  /**
   * Drops the history. With `advance`, the resourceVersion also moves on once, as a real
   * cluster's does all the time (leases, events): after an API server restart no client's
   * resourceVersion is servable any more, and every watch has to list again.
   */
  compact(options: { advance?: boolean } = {}): void {
    if (options.advance) this.revision++;
    this.history = [];
    this.oldestServable = this.revision;
  }

  /** Calls `listener` synchronously after every write; listeners must not throw. */
  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private key(type: ResourceType, namespace: string | undefined, name: string) {
    return type.namespaced ? `${namespace ?? ''}/${name}` : name;
  }

  private find(ref: ObjectRef): KubeObject | undefined {
    return this.objects
      .get(ref.type)
      ?.get(this.key(ref.type, ref.namespace, ref.name));
  }

  private commit(
    type: StoreEvent['type'],
    resourceType: ResourceType,
    object: KubeObject,
    previous?: KubeObject,
  ): KubeObject {
    this.revision++;
    object.metadata.resourceVersion = String(this.revision);
    const objects = this.objects.get(resourceType) ?? new Map();
    this.objects.set(resourceType, objects);
    const key = this.key(
      resourceType,
      object.metadata.namespace,
      object.metadata.name,
    );
    if (type === 'DELETED') objects.delete(key);
    else objects.set(key, object);
    const event: StoreEvent = {
      type,
      resourceType,
      object: structuredClone(object),
      previous: previous && structuredClone(previous),
      resourceVersion: this.revision,
    };
    this.history.push(event);
    if (this.history.length > this.historyLimit) {
      this.oldestServable = this.history.shift()!.resourceVersion;
    }
    for (const listener of [...this.listeners]) listener(event);
    return structuredClone(object);
  }
}
