import { InputError } from '@backstage/errors';
import { FieldPath, formatFieldPath, isRecord, ownField } from '@juanie/plugin-juanie-node';
import { EnvChange, ResourcesChange } from './ManifestChange';
import type { WorkloadEdit } from './WorkloadEdits';

/** Field edits shared by Kubernetes workloads and HelmRelease values. */

// Fields that identify the workload; changing them would make it another object.
const IDENTITY = ['apiVersion', 'kind', 'metadata.name', 'metadata.namespace'];

export function envEdits(
  envPath: FieldPath,
  current: unknown,
  change: EnvChange,
  where: string,
): WorkloadEdit[] {
  const edits: WorkloadEdit[] = [];
  const asMap = isRecord(current);
  const entries = Array.isArray(current) ? current.filter(isRecord) : [];
  const has = (name: string) =>
    asMap ? name in current : entries.some(e => e.name === name);
  for (const [name, value] of Object.entries(change.set ?? {})) {
    if (asMap) {
      edits.push({ op: 'set', path: [...envPath, name], value });
      continue;
    }
    const item: FieldPath = [...envPath, { key: 'name', value: name }];
    // A value replaces a secret or field reference; both together are invalid.
    if (entries.some(e => e.name === name && e.valueFrom !== undefined)) {
      edits.push({ op: 'delete', path: [...item, 'valueFrom'] });
    }
    edits.push({ op: 'set', path: [...item, 'value'], value });
  }
  const removed = new Set(change.remove ?? []);
  for (const name of removed) {
    if (!has(name))
      throw new InputError(
        `${where} has no environment variable ${name} to remove`,
      );
  }
  const names = asMap ? Object.keys(current) : entries.map(e => e.name);
  if (
    removed.size > 0 &&
    edits.length === 0 &&
    names.every(name => removed.has(name as string))
  ) {
    // Removing the last variable removes the field rather than leaving `env: []`.
    return [{ op: 'delete', path: envPath }];
  }
  for (const name of removed) {
    edits.push({
      op: 'delete',
      path: asMap
        ? [...envPath, name]
        : [...envPath, { key: 'name', value: name }],
    });
  }
  return edits;
}

export function resourceEdits(
  resourcesPath: FieldPath,
  change: ResourcesChange,
): WorkloadEdit[] {
  const edits: WorkloadEdit[] = [];
  for (const section of ['requests', 'limits'] as const) {
    for (const [resource, quantity] of Object.entries(change[section] ?? {})) {
      if (quantity !== undefined)
        edits.push({
          op: 'set',
          path: [...resourcesPath, section, resource],
          value: quantity,
        });
    }
  }
  return edits;
}

/** RFC 7386 as field edits: null removes, objects merge into objects, anything else replaces. */
export function mergePatchEdits(
  target: unknown,
  patch: Record<string, unknown>,
  prefix: FieldPath = [],
): WorkloadEdit[] {
  const edits: WorkloadEdit[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const path = [...prefix, key];
    if (IDENTITY.includes(formatFieldPath(path))) {
      throw new InputError(
        `A patch cannot change ${formatFieldPath(
          path,
        )}; it identifies the workload`,
      );
    }
    const current = isRecord(target) ? ownField(target, key) : undefined;
    if (value === null) {
      if (current !== undefined) edits.push({ op: 'delete', path });
    } else if (isRecord(value) && isRecord(current)) {
      edits.push(...mergePatchEdits(current, value, path));
    } else if (isRecord(value)) {
      edits.push({ op: 'set', path, value: withoutNulls(value) });
    } else {
      edits.push({ op: 'set', path, value });
    }
  }
  return edits;
}

function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, isRecord(v) ? withoutNulls(v) : v]),
  );
}
