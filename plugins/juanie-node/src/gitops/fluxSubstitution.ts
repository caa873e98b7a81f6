import { isRecord, sameValue } from './FieldPath';

/**
 * A Flux post-build substitution placeholder (envsubst syntax): `${VAR}`, `${VAR:=default}`,
 * `${VAR:-default}`, `${VAR=default}`… Flux replaces it with a variable of the Flux
 * Kustomization's `postBuild.substitute` or `substituteFrom` after `kustomize build`; `$${VAR}`
 * is Flux's escape for a literal `${VAR}`.
 */
const PLACEHOLDER = /(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}/g;

/** The placeholders written in a value (a string), e.g. `["${APP_TAG}"]`. */
export function placeholdersIn(value: unknown): string[] {
  return typeof value === 'string'
    ? [...value.matchAll(PLACEHOLDER)].map(match => match[0])
    : [];
}

/**
 * The first placeholder that setting `next` where `old` is would overwrite, or undefined. A value
 * that keeps the placeholder (`web:${APP_TAG}` renamed to `api:${APP_TAG}`) overwrites nothing;
 * a map key or list item that the change removes, or a null (a strategic-merge patch's "remove"),
 * is a removal, not an overwrite.
 */
export function overwrittenPlaceholder(
  old: unknown,
  next: unknown,
): string | undefined {
  if (next === null) return undefined;
  if (typeof old === 'string') {
    const kept = placeholdersIn(next);
    return placeholdersIn(old).find(p => !kept.includes(p));
  }
  if (Array.isArray(old)) {
    for (const [index, item] of old.entries()) {
      if (Array.isArray(next) && next.some(n => sameValue(n, item))) continue;
      const found = overwrittenPlaceholder(
        item,
        Array.isArray(next) && index < next.length ? next[index] : undefined,
      );
      if (found && (!Array.isArray(next) || index < next.length)) return found;
    }
    return undefined;
  }
  if (isRecord(old)) {
    for (const [key, item] of Object.entries(old)) {
      if (isRecord(next) && !(key in next)) continue;
      const found = overwrittenPlaceholder(
        item,
        isRecord(next) ? next[key] : undefined,
      );
      if (found) return found;
    }
  }
  return undefined;
}
