import { applyPatch, Operation } from 'fast-json-patch';
import { isRecord, ownField, setOwnField } from './FieldPath';

/**
 * How Kustomize merges a patch into an object, as kustomize-controller builds an overlay:
 * strategic merge for Kubernetes' own kinds, JSON merge patch (RFC 7386) for custom resources
 * such as HelmReleases, and JSON 6902 operation lists. Values are never changed in place.
 */

/** Kubernetes' own API groups: the core group, `apps`, `batch`, `*.k8s.io`. */
export function isBuiltInKind(apiVersion: unknown): boolean {
  if (typeof apiVersion !== 'string') return false;
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return !group.includes('.') || group.endsWith('.k8s.io');
}

// The list fields Kubernetes merges item by item, and the key that identifies an item
// (the `patchMergeKey`s of the API types Juanie edits).
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  resourceClaims: 'name',
  topologySpreadConstraints: 'topologyKey',
};

function mergeKeyOf(field: string, items: unknown[]): string | undefined {
  if (field === 'ports') {
    // A container's ports are keyed by containerPort, a Service's by port.
    return items.some(i => isRecord(i) && 'containerPort' in i)
      ? 'containerPort'
      : 'port';
  }
  return MERGE_KEYS[field];
}

const clone = <T>(value: T): T =>
  value === undefined ? value : structuredClone(value);

/** Strips the `$patch`/`$setElementOrder` directives of a value that is added whole. */
function withoutDirectives(value: unknown): unknown {
  if (Array.isArray(value))
    return value
      .filter(v => !(isRecord(v) && v.$patch === 'delete'))
      .map(withoutDirectives);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k, v]) => !k.startsWith('$') && v !== null)
      .map(([k, v]) => [k, withoutDirectives(v)]),
  );
}

function mergeList(
  field: string,
  base: unknown[],
  patch: unknown[],
): unknown[] {
  const key = mergeKeyOf(field, [...base, ...patch]);
  if (!key) return withoutDirectives(patch) as unknown[];
  const merged = base.map(clone);
  for (const item of patch) {
    if (!isRecord(item) || item[key] === undefined) {
      merged.push(withoutDirectives(item));
      continue;
    }
    const at = merged.findIndex(b => isRecord(b) && b[key] === item[key]);
    if (item.$patch === 'delete') {
      if (at >= 0) merged.splice(at, 1);
    } else if (at >= 0) {
      merged[at] = strategicMerge(merged[at], item);
    } else {
      merged.push(withoutDirectives(item));
    }
  }
  return merged;
}

/** A strategic-merge patch applied to a value of one of Kubernetes' own kinds. */
export function strategicMerge(base: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return clone(patch);
  if (patch.$patch === 'replace') return withoutDirectives(patch);
  if (patch.$patch === 'delete') return undefined;
  const merged: Record<string, unknown> = isRecord(base) ? clone(base) : {};
  for (const [field, value] of Object.entries(patch)) {
    if (field.startsWith('$')) continue;
    const current = ownField(merged, field);
    if (value === null) delete merged[field];
    else if (isRecord(value)) {
      const next = strategicMerge(current, value);
      if (next === undefined) delete merged[field];
      else setOwnField(merged, field, next);
    } else if (Array.isArray(value) && Array.isArray(current))
      setOwnField(merged, field, mergeList(field, current, value));
    else setOwnField(merged, field, withoutDirectives(value));
  }
  return merged;
}

/** RFC 7386: objects merge, null removes, anything else (lists too) replaces. */
export function jsonMergePatch(base: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return clone(patch);
  const merged: Record<string, unknown> = isRecord(base) ? clone(base) : {};
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete merged[field];
    else
      setOwnField(merged, field, jsonMergePatch(ownField(merged, field), value));
  }
  return merged;
}

/**
 * JSON 6902 operations, as Kustomize applies a `patchesJson6902` or `patches:` operation list.
 * A list that does not apply (a path that is missing, a failed `test`) leaves the object as it
 * was: Kustomize would refuse to build it, and the plan must not guess.
 */
export function applyJsonPatch(base: unknown, operations: unknown[]): unknown {
  try {
    // Validated, on a copy, and never through `__proto__` (the library's defaults).
    return applyPatch(base, operations as Operation[], true, false)
      .newDocument;
  } catch {
    return base;
  }
}
