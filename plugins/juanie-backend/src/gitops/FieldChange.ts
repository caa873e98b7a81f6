import { getAtPath, isRecord, parseFieldPath } from '@juanie/plugin-juanie-node';
import { parseYamlValue, parseYamlValues } from '@juanie/plugin-juanie-node';

/** Where a field lives in the files of an environment path. */
export interface FieldLocation {
  /** File path relative to the environment path. */
  file: string;
  /** `Kind/name` of the document, or `#<index>` for documents without both. */
  document: string;
  /** Field path inside the document, e.g. `spec.template.spec.containers[name=web].image`. */
  path: string;
  /** Field path inside YAML text held at `path` (a Kustomize inline patch). */
  embeddedPath?: string;
}

/** One field a manifest edit changed, with its value before and after (undefined = absent). */
export interface FieldChange extends FieldLocation {
  old: unknown;
  new: unknown;
  /** What the edit wrote besides the field, e.g. a YAML alias replaced by a copy of its value. */
  note?: string;
}

/** Names every document of a file: `Kind/name` when that is unique in the file, else `#index`. */
export function documentRefs(values: readonly unknown[]): string[] {
  const refs = values.map((value, index) => {
    const metadata =
      isRecord(value) && isRecord(value.metadata) ? value.metadata : undefined;
    const kind = isRecord(value) ? value.kind : undefined;
    return typeof kind === 'string' && typeof metadata?.name === 'string'
      ? `${kind}/${metadata.name}`
      : `#${index}`;
  });
  // Counted, not searched: a generated file has thousands of documents.
  const counts = new Map<string, number>();
  for (const ref of refs) counts.set(ref, (counts.get(ref) ?? 0) + 1);
  return refs.map((ref, index) => (counts.get(ref) === 1 ? ref : `#${index}`));
}

/** Index of the document a ref names, or -1. */
export function findDocument(values: readonly unknown[], ref: string): number {
  const byName = documentRefs(values).indexOf(ref);
  if (byName >= 0) return byName;
  const index = /^#(\d+)$/.exec(ref);
  return index && Number(index[1]) < values.length ? Number(index[1]) : -1;
}

/** The value of a field in a set of files; undefined when the file, document or field is absent. */
export function readField(
  files: Record<string, string>,
  location: FieldLocation,
): unknown {
  const text = files[location.file];
  if (text === undefined) return undefined;
  const values = parseYamlValues(location.file, text);
  const index = findDocument(values, location.document);
  if (index < 0) return undefined;
  const value = getAtPath(values[index], parseFieldPath(location.path));
  if (location.embeddedPath === undefined) return value;
  if (typeof value !== 'string') return undefined;
  return getAtPath(
    parseYamlValue(location.file, value),
    parseFieldPath(location.embeddedPath),
  );
}
