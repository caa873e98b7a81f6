import { KubeApiError } from './KubeApiError';

type JsonMap = Record<string, unknown>;

export const isJsonMap = (value: unknown): value is JsonMap =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether two JSON values are equal, key order aside. (`util.isDeepStrictEqual` also
 * compares prototypes, which differ between realms such as Jest's sandbox and Node's.)
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => jsonEqual(item, b[index]))
    );
  }
  if (!isJsonMap(a) || !isJsonMap(b)) return false;
  const keys = Object.keys(a).filter(k => a[k] !== undefined);
  return (
    keys.length === Object.keys(b).filter(k => b[k] !== undefined).length &&
    keys.every(key => jsonEqual(a[key], b[key]))
  );
}

/**
 * RFC 7386 JSON merge patch: maps merge key by key, `null` removes a key, anything else
 * (lists included) replaces the target's value.
 *
 * Server-side apply is answered with the same function: the simulator keeps no
 * `managedFields`, so an apply merges the applied fields into the object (maps deep-merged,
 * lists replaced) and never removes a field a manager stopped applying, nor reports
 * conflicts between managers.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonMap(patch)) return structuredClone(patch);
  const result: JsonMap = isJsonMap(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    // undefined is no JSON value: a patch built in code may carry it for "nothing to say".
    if (value === undefined) continue;
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

/** `/metadata/annotations/a~1b` → ['metadata', 'annotations', 'a/b'] (RFC 6901). */
function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/'))
    throw KubeApiError.badRequest(`invalid JSON pointer "${path}"`);
  return path
    .slice(1)
    .split('/')
    .map(p => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(document: unknown, parts: string[], path: string) {
  let node = document;
  for (const part of parts.slice(0, -1)) {
    node =
      isJsonMap(node) || Array.isArray(node)
        ? (node as JsonMap)[part]
        : undefined;
    if (node === undefined)
      throw KubeApiError.badRequest(`doc is missing path: "${path}"`);
  }
  if (!isJsonMap(node) && !Array.isArray(node))
    throw KubeApiError.badRequest(`doc is missing path: "${path}"`);
  return { parent: node, key: parts[parts.length - 1] };
}

function readAt(document: unknown, path: string): unknown {
  const parts = pointer(path);
  if (parts.length === 0) return document;
  const { parent, key } = parentOf(document, parts, path);
  const value = (parent as JsonMap)[key];
  if (value === undefined)
    throw KubeApiError.badRequest(`doc is missing path: "${path}"`);
  return value;
}

function removeAt(document: unknown, path: string): void {
  const { parent, key } = parentOf(document, pointer(path), path);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else if (key in parent) delete parent[key];
  else throw KubeApiError.badRequest(`doc is missing path: "${path}"`);
}

function addAt(document: unknown, path: string, value: unknown): void {
  const { parent, key } = parentOf(document, pointer(path), path);
  if (!Array.isArray(parent)) {
    parent[key] = structuredClone(value);
    return;
  }
  const index = key === '-' ? parent.length : Number(key);
  if (!Number.isInteger(index) || index < 0 || index > parent.length)
    throw KubeApiError.badRequest(`index out of range in "${path}"`);
  parent.splice(index, 0, structuredClone(value));
}

function applyOperation(document: unknown, operation: JsonPatchOperation) {
  const { op, path, from, value } = operation;
  switch (op) {
    case 'add':
      return addAt(document, path, value);
    case 'remove':
      return removeAt(document, path);
    case 'replace':
      removeAt(document, path);
      return addAt(document, path, value);
    case 'move': {
      const moved = readAt(document, from ?? '');
      removeAt(document, from ?? '');
      return addAt(document, path, moved);
    }
    case 'copy':
      return addAt(document, path, readAt(document, from ?? ''));
    case 'test':
      if (JSON.stringify(readAt(document, path)) !== JSON.stringify(value))
        throw new KubeApiError(422, 'Invalid', `testing value ${path} failed`);
      return undefined;
    default:
      throw KubeApiError.badRequest(`unknown JSON patch operation "${op}"`);
  }
}

/** RFC 6902 JSON patch (the default patch type of `CustomObjectsApi`). */
export function jsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations))
    throw KubeApiError.badRequest('a JSON patch must be a list of operations');
  const document = structuredClone(target);
  for (const operation of operations as JsonPatchOperation[]) {
    if (operation.path === '')
      throw KubeApiError.badRequest('a JSON patch cannot replace the object');
    applyOperation(document, operation);
  }
  return document;
}
