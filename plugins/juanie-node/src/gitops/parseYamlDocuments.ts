import { InputError } from '@backstage/errors';
import { Document, parse, parseAllDocuments } from 'yaml';
import { segmentParses, SegmentParseCache } from './SegmentParseCache';

/** Bytes per manifest file Juanie reads, edits or validates; larger files answer 413 unparsed. */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Alias expansions per document when YAML turns into values (the yaml library's own
 * `maxAliasCount`); a few hundred defeat alias bombs ("billion laughs").
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * How every manifest is parsed: `<<` merge keys read as Kubernetes users mean them (YAML 1.1
 * merge keys, which YAML 1.2 parsers leave off by default). Nodes carry source ranges either way;
 * the parser's own tokens (`keepSourceTokens`) are not kept: nothing reads them, and they cost
 * a third of the parse time and of the memory a parsed file takes.
 */
const PARSE_OPTIONS = { merge: true } as const;

/** A manifest over {@link MAX_FILE_BYTES}: 413, refused before it is parsed. */
export class ManifestTooLargeError extends Error {
  readonly name = 'ManifestTooLargeError';
  /** Backstage's error handler answers with this status. */
  readonly statusCode = 413;
}

/** Refuses the first file over the size limit, by its size alone (nothing is parsed). */
export function assertManifestSizes(
  files: Record<string, string>,
  maxFileBytes = MAX_FILE_BYTES,
): void {
  for (const file of Object.keys(files).sort()) {
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit: skip the count when it cannot be over.
    if (files[file].length * 3 <= maxFileBytes) continue;
    const bytes = Buffer.byteLength(files[file], 'utf8');
    if (bytes > maxFileBytes) {
      throw new ManifestTooLargeError(
        `${file} is ${bytes} bytes; manifests may have at most ${maxFileBytes}`,
      );
    }
  }
}

/** One `---`-separated part of a file: its text and where it starts. */
export interface YamlSegment {
  start: number;
  text: string;
}

/**
 * Splits a file where a line starts with `---`. YAML forbids such a line inside any scalar or
 * collection (it always starts a document), so each part parses on its own exactly as it does in
 * the whole file; files with `%` directives (which apply across documents) stay one part. Edits
 * then re-read only the part they touch, not a whole generated file of a thousand objects.
 */
export function splitYamlSegments(text: string): YamlSegment[] {
  if (/^%/m.test(text)) return [{ start: 0, text }];
  const segments: YamlSegment[] = [];
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  let start = 0;
  for (let match = marker.exec(text); match; match = marker.exec(text)) {
    if (match.index > start)
      segments.push({ start, text: text.slice(start, match.index) });
    start = match.index;
  }
  segments.push({ start, text: text.slice(start) });
  return segments;
}

/**
 * The YAML parses of one request, shared by the editor and the validator: a text (a file part)
 * is parsed once, however many times it is read. Parsed documents are read, never changed, so
 * they also come from (and go to) this thread's {@link SegmentParseCache}: a preview and then
 * the commit of the same file parse only the parts that differ.
 */
export class YamlParses {
  private readonly parsed = new Map<string, Document.Parsed[]>();

  constructor(private readonly shared: SegmentParseCache = segmentParses) {}

  /** Every document of a text, with source ranges; syntax errors are left in `errors`. */
  parse(text: string): Document.Parsed[] {
    let documents = this.parsed.get(text);
    if (!documents) {
      documents = this.shared.get(text);
      if (!documents) {
        const result = parseAllDocuments(text, PARSE_OPTIONS);
        documents = Array.isArray(result) ? result : [];
        this.shared.set(text, documents);
      }
      this.parsed.set(text, documents);
    }
    return documents;
  }
}

/** Parses a text of `file`, refusing syntax errors with the file named. */
export function parseYamlDocuments(
  file: string,
  text: string,
  parses: YamlParses = new YamlParses(),
): Document.Parsed[] {
  const documents = parses.parse(text);
  for (const document of documents) {
    const [error] = document.errors;
    if (error)
      throw new InputError(`${file} is not valid YAML: ${error.message}`);
  }
  return documents;
}

// The yaml library throws this ReferenceError when maxAliasCount is exceeded.
const isAliasBomb = (error: unknown) =>
  error instanceof Error &&
  error.name === 'ReferenceError' &&
  /alias/i.test(error.message);

const aliasBombError = (file: string) =>
  new InputError(
    `${file}: aliases expand to more than ${MAX_ALIAS_COUNT} nodes (an alias bomb?); Juanie does not read it`,
  );

/** Plain values of parsed documents, computed once per document: `undefined` for an alias bomb. */
const plainValues = new WeakMap<Document, { value: unknown } | undefined>();

/**
 * The plain value of a parsed document; an alias bomb is a 400 that names the file. Every alias
 * gets its own copy of the anchored value (the yaml library hands out the same object for each),
 * so an edit of one use of an anchor does not change the others in the editor's model.
 * The value is computed once per document and shared, so it is frozen: whoever changes it
 * works on a {@link copyTree} of it (as the editor does).
 */
export function documentValue(file: string, document: Document): unknown {
  if (!plainValues.has(document)) {
    try {
      const value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      plainValues.set(document, { value: deepFreeze(copyTree(value)) });
    } catch (error) {
      if (!isAliasBomb(error)) throw error;
      plainValues.set(document, undefined);
    }
  }
  const plain = plainValues.get(document);
  if (!plain) throw aliasBombError(file);
  return plain.value;
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value))
    return value;
  Object.values(value).forEach(deepFreeze);
  return Object.freeze(value);
}

/** A copy of a tree of plain maps and lists that shares no map or list between two places. */
export function copyTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyTree);
  if (typeof value !== 'object' || value === null) return value;
  // fromEntries defines keys as data: a `__proto__` key stays a key.
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, copyTree(item)]),
  );
}

/** Plain values of a YAML text that is not a file of its own (an inline patch). */
export function parseYamlValue(file: string, text: string): unknown {
  return refuseAliasBombs(file, () =>
    copyTree(parse(text, { ...PARSE_OPTIONS, maxAliasCount: MAX_ALIAS_COUNT })),
  );
}

function refuseAliasBombs<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw isAliasBomb(error) ? aliasBombError(file) : error;
  }
}

/** Plain values of every document of a file, read part by part; shared and frozen (read only). */
export function parseYamlValues(
  file: string,
  text: string,
  parses: YamlParses = new YamlParses(),
): unknown[] {
  return splitYamlSegments(text).flatMap(segment =>
    parseYamlDocuments(file, segment.text, parses).map(d =>
      documentValue(file, d),
    ),
  );
}
