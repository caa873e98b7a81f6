/**
 * A path to a field inside a manifest document. List items are addressed by a merge key
 * (`containers[name=web]`) rather than by position where Kubernetes does the same, so a path
 * still names the same field after someone reorders or inserts list items upstream.
 */
export type FieldPathSegment = string | number | { key: string; value: string };

/** A path to a field inside a manifest document. */
export type FieldPath = FieldPathSegment[];

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;
const PLAIN_SELECTOR_VALUE = /^[^\]"[]*$/;

/** `spec.template.spec.containers[name=web].image`; keys with dots or slashes are quoted. */
export function formatFieldPath(path: FieldPath): string {
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (typeof segment === 'string') {
        if (!PLAIN_KEY.test(segment)) return `[${JSON.stringify(segment)}]`;
        return index === 0 ? segment : `.${segment}`;
      }
      const value = PLAIN_SELECTOR_VALUE.test(segment.value)
        ? segment.value
        : JSON.stringify(segment.value);
      return `[${segment.key}=${value}]`;
    })
    .join('');
}

/** Inverse of {@link formatFieldPath}. */
export function parseFieldPath(text: string): FieldPath {
  const path: FieldPath = [];
  const pattern =
    /\.?([A-Za-z_$][A-Za-z0-9_$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\[([A-Za-z_$][A-Za-z0-9_$-]*)=("(?:[^"\\]|\\.)*"|[^\]"[]*)\]/y;
  let offset = 0;
  while (offset < text.length) {
    pattern.lastIndex = offset;
    const match = pattern.exec(text);
    if (!match) throw new Error(`Invalid field path "${text}" at ${offset}`);
    if (match[1] !== undefined) path.push(match[1]);
    else if (match[2] !== undefined) path.push(Number(match[2]));
    else if (match[3] !== undefined) path.push(JSON.parse(match[3]));
    else {
      const raw = match[5];
      path.push({
        key: match[4],
        value: raw.startsWith('"') ? JSON.parse(raw) : raw,
      });
    }
    offset = pattern.lastIndex;
  }
  return path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A field of a map, own fields only: a manifest or a patch may hold a key named `__proto__` or
 * `constructor`, and reading it must never reach the shared Object prototype.
 */
export function ownField(
  record: Record<string, unknown>,
  key: string,
): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets a field as data: assigning `__proto__` would change the map's prototype instead. */
export function setOwnField(
  record: Record<string, unknown>,
  key: string,
  value: unknown,
): void {
  Object.defineProperty(record, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/** Index of the list item a segment addresses, or -1. */
export function indexOfSegment(
  list: unknown[],
  segment: FieldPathSegment,
): number {
  if (typeof segment === 'number') return segment < list.length ? segment : -1;
  if (typeof segment === 'string') return -1;
  return list.findIndex(
    item => isRecord(item) && item[segment.key] === segment.value,
  );
}

/** The value at `path`, or undefined when any part of it is missing. */
export function getAtPath(root: unknown, path: FieldPath): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof segment === 'string') {
      if (!isRecord(current)) return undefined;
      current = ownField(current, segment);
    } else {
      if (!Array.isArray(current)) return undefined;
      const index = indexOfSegment(current, segment);
      if (index < 0) return undefined;
      current = current[index];
    }
  }
  return current;
}

/** What `path` would hold once set: nested maps, and list items carrying their selector. */
export function buildValue(path: FieldPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [segment, ...rest] = path;
  const inner = buildValue(rest, value);
  if (typeof segment === 'string') return { [segment]: inner };
  if (typeof segment === 'number') return [inner];
  return [{ [segment.key]: segment.value, ...(isRecord(inner) ? inner : {}) }];
}

/** Sets `path` inside a plain JS value, creating what is missing; returns the new root. */
export function setAtPath(
  root: unknown,
  path: FieldPath,
  value: unknown,
): unknown {
  if (path.length === 0) return value;
  const [segment, ...rest] = path;
  if (typeof segment === 'string') {
    if (!isRecord(root)) return buildValue(path, value);
    setOwnField(
      root,
      segment,
      Object.hasOwn(root, segment)
        ? setAtPath(root[segment], rest, value)
        : buildValue(rest, value),
    );
    return root;
  }
  if (!Array.isArray(root)) return buildValue(path, value);
  const index = indexOfSegment(root, segment);
  if (index >= 0) {
    root[index] = setAtPath(root[index], rest, value);
  } else if (typeof segment === 'number' && segment === root.length) {
    root.push(buildValue(rest, value));
  } else if (typeof segment === 'number') {
    throw new Error(`List index ${segment} is out of range`);
  } else {
    root.push((buildValue([segment, ...rest], value) as unknown[])[0]);
  }
  return root;
}

/** Removes the field at `path`; returns whether something was removed. */
export function deleteAtPath(root: unknown, path: FieldPath): boolean {
  if (path.length === 0) return false;
  const parent = getAtPath(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (typeof last === 'string') {
    if (!isRecord(parent) || !Object.hasOwn(parent, last)) return false;
    delete parent[last];
    return true;
  }
  if (!Array.isArray(parent)) return false;
  const index = indexOfSegment(parent, last);
  if (index < 0) return false;
  parent.splice(index, 1);
  return true;
}

/** Structural equality for plain JSON-like values. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every(
      key => Object.hasOwn(b, key) && sameValue(a[key], b[key]),
    );
  }
  return false;
}

export { isRecord };
