import { ENVIRONMENT_ID_LABEL, ENVIRONMENT_LABEL, FluxCondition } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { toBoolean, toIsoOrNull } from '../shared/dbValues';

type SourceRef = { kind?: string; name?: string; namespace?: string };

/** kustomize-controller labels what it applies with the Kustomization that applied it. */
const APPLIED_BY_NAME_LABEL = 'kustomize.toolkit.fluxcd.io/name';
const APPLIED_BY_NAMESPACE_LABEL = 'kustomize.toolkit.fluxcd.io/namespace';

/** A Flux object as the API server returns it (the fields Juanie reads). */
export interface KubeFluxObject {
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    labels?: Record<string, string>;
  };
  spec?: {
    suspend?: boolean;
    sourceRef?: SourceRef;
    /** A HelmRelease's chart template: its source is the chart's. */
    chart?: { spec?: { sourceRef?: SourceRef } };
  };
  status?: {
    observedGeneration?: number;
    /** HelmRelease (helm.toolkit.fluxcd.io/v2): the last attempt and the releases made. */
    lastAttemptedGeneration?: number;
    lastAttemptedConfigDigest?: string;
    history?: Array<{ status?: string; chartVersion?: string; configDigest?: string; digest?: string }>;
    conditions?: Array<Partial<FluxCondition> & { observedGeneration?: number }>;
    lastAppliedRevision?: string;
    lastAttemptedRevision?: string;
    lastHandledReconcileAt?: string;
    artifact?: { revision?: string };
  };
}

/** The stored state of one Flux object. */
export interface FluxObjectRecord {
  cluster: string;
  kind: string;
  namespace: string;
  name: string;
  resourceVersion: string | null;
  generation: number | null;
  observedGeneration: number | null;
  environmentLabel: string | null;
  /** The `juanie.io/environment-id` label. */
  environmentId: string | null;
  suspended: boolean;
  conditions: FluxCondition[];
  readyStatus: string | null;
  readyReason: string | null;
  readyMessage: string | null;
  lastAppliedRevision: string | null;
  lastAttemptedRevision: string | null;
  artifactRevision: string | null;
  lastHandledReconcileAt: string | null;
  source: { kind: string; namespace: string; name: string } | null;
  lastAppliedChangedAt: string | null;
  observedAt: string;
  deleted: boolean;
  /** The generation the Ready condition describes, when Flux says (its observedGeneration). */
  readyObservedGeneration: number | null;
  /** HelmRelease only: the generation and values digest of the last Helm action attempted. */
  lastAttemptedGeneration: number | null;
  lastAttemptedConfigDigest: string | null;
  /** HelmRelease only: the newest release of `status.history`. */
  release: HelmReleaseSnapshot | null;
  /** The Kustomization that applied the object, from kustomize-controller's labels. */
  appliedBy: { namespace: string; name: string } | null;
}

/** A release helm-controller made: `deployed`, `failed`, `superseded`... and what it was made of. */
export interface HelmReleaseSnapshot {
  status: string;
  /** `<version>`, or `<version>+<sha12>` for a chart built from a git revision. */
  chartVersion: string | null;
  configDigest: string | null;
  digest: string | null;
}

/** Identifies an object in a cluster. */
export interface FluxObjectKey {
  cluster: string;
  kind: string;
  namespace: string;
  name: string;
}

function conditionsOf(object: KubeFluxObject): FluxCondition[] {
  return (object.status?.conditions ?? []).map(c => ({
    type: String(c.type ?? ''),
    status: (c.status ?? 'Unknown') as FluxCondition['status'],
    reason: c.reason ?? null,
    message: c.message ?? null,
    lastTransitionTime: c.lastTransitionTime ?? null,
  }));
}

const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** When the applied revision last changed: kept while it stays, now when it moves. */
function keepOrNow(same: boolean, before: unknown, revision: string | null, now: Date) {
  if (!revision) return null;
  return same && before ? before : now;
}

/**
 * The last observed state of the Flux objects of every cluster. Every replica's watchers write
 * here; a write is skipped when the stored resourceVersion is the same, so replaying a watch
 * or two replicas seeing one event change nothing.
 */
export class FluxObjectStore {
  constructor(private readonly db: Knex) {}

  /** Stores what a watch or list saw; returns the previous state when something changed. */
  async observe(
    cluster: string,
    object: KubeFluxObject,
  ): Promise<{ changed: boolean; previous?: FluxObjectRecord; current: FluxObjectRecord }> {
    const key = {
      cluster,
      kind: object.kind ?? '',
      namespace: object.metadata?.namespace ?? '',
      name: object.metadata?.name ?? '',
    };
    return this.db.transaction(async trx => {
      const previousRow = await trx('flux_objects').where(key).first();
      const previous = previousRow ? this.toRecord(previousRow) : undefined;
      if (previous && !previous.deleted && previous.resourceVersion === (object.metadata?.resourceVersion ?? null)) {
        return { changed: false, previous, current: previous };
      }
      const conditions = conditionsOf(object);
      const ready = conditions.find(c => c.type === 'Ready');
      const lastApplied = object.status?.lastAppliedRevision ?? null;
      const now = new Date();
      const sourceRef = object.spec?.sourceRef ?? object.spec?.chart?.spec?.sourceRef;
      const latest = object.status?.history?.[0];
      const labels = object.metadata?.labels ?? {};
      const row = {
        ...key,
        uid: object.metadata?.uid ?? null,
        resource_version: object.metadata?.resourceVersion ?? null,
        generation: object.metadata?.generation ?? null,
        observed_generation: object.status?.observedGeneration ?? null,
        environment_label: object.metadata?.labels?.[ENVIRONMENT_LABEL] ?? null,
        environment_id: labels[ENVIRONMENT_ID_LABEL]?.slice(0, 36) ?? null,
        suspended: object.spec?.suspend === true,
        conditions: JSON.stringify(conditions),
        ready_status: ready?.status ?? null,
        ready_reason: ready?.reason ?? null,
        ready_message: ready?.message ?? null,
        last_applied_revision: lastApplied,
        last_attempted_revision: object.status?.lastAttemptedRevision ?? null,
        artifact_revision: object.status?.artifact?.revision ?? null,
        last_handled_reconcile_at: object.status?.lastHandledReconcileAt ?? null,
        source_kind: sourceRef?.kind ?? null,
        source_namespace: sourceRef ? sourceRef.namespace ?? key.namespace : null,
        source_name: sourceRef?.name ?? null,
        last_applied_changed_at:
          keepOrNow(previous?.lastAppliedRevision === lastApplied, previousRow?.last_applied_changed_at, lastApplied, now),
        observed_at: now,
        deleted_at: null,
        ready_observed_generation: object.status?.conditions?.find(c => c.type === 'Ready')?.observedGeneration ?? null,
        last_attempted_generation: object.status?.lastAttemptedGeneration ?? null,
        last_attempted_config_digest: object.status?.lastAttemptedConfigDigest ?? null,
        release_status: latest?.status ?? null,
        release_chart_version: latest?.chartVersion ?? null,
        release_config_digest: latest?.configDigest ?? null,
        release_digest: latest?.digest ?? null,
        applied_by_namespace: labels[APPLIED_BY_NAME_LABEL] ? labels[APPLIED_BY_NAMESPACE_LABEL] ?? key.namespace : null,
        applied_by_name: labels[APPLIED_BY_NAME_LABEL] ?? null,
      };
      if (previousRow) await trx('flux_objects').where(key).update(row);
      else await trx('flux_objects').insert(row).onConflict(['cluster', 'kind', 'namespace', 'name']).merge();
      const current = this.toRecord(row);
      return { changed: true, previous, current };
    });
  }

  /** Makes the next observation of the object count as a change (its handling failed). */
  async forget(key: FluxObjectKey): Promise<void> {
    const { cluster, kind, namespace, name } = key;
    await this.db('flux_objects').where({ cluster, kind, namespace, name }).update({ resource_version: null });
  }

  /** Marks objects gone from the cluster; returns the keys that were live. */
  async markDeleted(keys: FluxObjectKey[]): Promise<FluxObjectKey[]> {
    const gone: FluxObjectKey[] = [];
    for (const key of keys) {
      const updated = await this.db('flux_objects').where(key).whereNull('deleted_at').update({ deleted_at: new Date() });
      if (updated) gone.push(key);
    }
    return gone;
  }

  /** Live objects of a kind in a cluster (to find what a relist no longer shows). */
  async keysOf(cluster: string, kind: string): Promise<FluxObjectKey[]> {
    return this.db('flux_objects')
      .where({ cluster, kind })
      .whereNull('deleted_at')
      .select('cluster', 'kind', 'namespace', 'name');
  }

  async get(key: FluxObjectKey): Promise<FluxObjectRecord | undefined> {
    const row = await this.db('flux_objects').where(key).whereNull('deleted_at').first();
    return row ? this.toRecord(row) : undefined;
  }

  /**
   * The live workload labelled for an environment in its namespace of a cluster: by its id
   * label first, else by its slug label.
   */
  async workloadLabelled(
    cluster: string,
    namespace: string,
    env: { id: string; label: string },
  ): Promise<FluxObjectRecord | undefined> {
    const row = await this.db('flux_objects')
      .where({ cluster, namespace })
      .where(q => q.where('environment_id', env.id).orWhere('environment_label', env.label))
      .whereIn('kind', ['Kustomization', 'HelmRelease'])
      .whereNull('deleted_at')
      .orderByRaw('case when environment_id = ? then 0 else 1 end', [env.id])
      .orderBy('kind', 'desc')
      .first();
    return row ? this.toRecord(row) : undefined;
  }

  /** Live objects a Kustomization applied (by kustomize-controller's labels). */
  async appliedBy(cluster: string, kustomization: { namespace: string; name: string }): Promise<FluxObjectRecord[]> {
    const rows = await this.db('flux_objects')
      .where({ cluster, applied_by_namespace: kustomization.namespace, applied_by_name: kustomization.name })
      .whereNull('deleted_at');
    return rows.map(row => this.toRecord(row));
  }

  async countsByKind(cluster: string): Promise<Record<string, number>> {
    const rows = await this.db('flux_objects')
      .where({ cluster })
      .whereNull('deleted_at')
      .groupBy('kind')
      .select('kind')
      .count({ count: '*' });
    return Object.fromEntries(rows.map(row => [String((row as { kind: string }).kind), Number(row.count)]));
  }

  /** Reachability and Flux health of the clusters, as last recorded. */
  async clusterRows() {
    const rows = await this.db('clusters').select();
    return rows.map(row => ({
      name: String(row.name),
      reachable: toBoolean(row.reachable),
      error: row.error as string | null,
      flux: row.flux ? JSON.parse(row.flux) : null,
      checkedAt: toIsoOrNull(row.checked_at),
    }));
  }

  private toRecord(row: Record<string, any>): FluxObjectRecord {
    return {
      cluster: row.cluster,
      kind: row.kind,
      namespace: row.namespace,
      name: row.name,
      resourceVersion: row.resource_version,
      generation: row.generation === null ? null : Number(row.generation),
      observedGeneration: row.observed_generation === null ? null : Number(row.observed_generation),
      environmentLabel: row.environment_label,
      environmentId: row.environment_id ?? null,
      suspended: toBoolean(row.suspended),
      conditions: typeof row.conditions === 'string' ? JSON.parse(row.conditions) : row.conditions,
      readyStatus: row.ready_status,
      readyReason: row.ready_reason,
      readyMessage: row.ready_message,
      lastAppliedRevision: row.last_applied_revision,
      lastAttemptedRevision: row.last_attempted_revision,
      artifactRevision: row.artifact_revision,
      lastHandledReconcileAt: row.last_handled_reconcile_at,
      source: row.source_name ? { kind: row.source_kind, namespace: row.source_namespace, name: row.source_name } : null,
      lastAppliedChangedAt: toIsoOrNull(row.last_applied_changed_at),
      observedAt: toIsoOrNull(row.observed_at)!,
      deleted: Boolean(row.deleted_at),
      readyObservedGeneration: numberOrNull(row.ready_observed_generation),
      lastAttemptedGeneration: numberOrNull(row.last_attempted_generation),
      lastAttemptedConfigDigest: row.last_attempted_config_digest ?? null,
      release: row.release_status
        ? {
            status: row.release_status,
            chartVersion: row.release_chart_version,
            configDigest: row.release_config_digest,
            digest: row.release_digest,
          }
        : null,
      appliedBy: row.applied_by_name ? { namespace: row.applied_by_namespace, name: row.applied_by_name } : null,
    };
  }
}
