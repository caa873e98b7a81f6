import type { Policy, PolicyScope } from '@juanie/plugin-juanie-common';

/** Where a policy applies, in a few words: `acme`, `shop` or `shop / prod`. */
export function describeScope(scope: PolicyScope): string {
  if (!scope.project) return `all of ${scope.org}`;
  return scope.environment
    ? `${scope.project} / ${scope.environment}`
    : `all of ${scope.project}`;
}

function list(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A policy's settings on one line, e.g. `patterns: ghcr.io/acme/*`; empty when it has none. */
export function describeParams(
  policy: Pick<Policy, 'type' | 'params'>,
): string {
  const params = (policy.params ?? {}) as Record<string, unknown>;
  if (policy.type === 'minApprovals') {
    const byKind = (params.byKind ?? {}) as Record<string, unknown>;
    return Object.entries(byKind)
      .map(([kind, count]) => `${kind}: ${count}`)
      .join(', ');
  }
  if (policy.type === 'freezeWindow') {
    return params.start
      ? `${params.start} to ${params.end} (${params.timeZone})`
      : `${list(params.days)} ${params.from}–${params.to} (${params.timeZone})`;
  }
  return Object.entries(params)
    .map(([key, value]) => `${key}: ${list(value)}`)
    .join('; ');
}
