import {
  Document,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Node,
  Scalar,
  ToStringOptions,
  visit,
} from 'yaml';

/**
 * How a person formatted a YAML file, so that lines Juanie adds look like the lines around them
 * (indent width, whether lists are indented under their key, quote character, `{ a }` vs `{a}`).
 */
export interface YamlStyle {
  indent: number;
  indentSeq: boolean;
  singleQuote: boolean;
  flowCollectionPadding: boolean;
}

/** Column of an offset in `text`. */
export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function mostCommon<T>(values: T[], fallback: T): T {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best = fallback;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) [best, bestCount] = [value, count];
  }
  return best;
}

/** What one parsed document shows of its author's style, in document order. */
interface StyleMarks {
  indents: number[];
  indentSeqs: boolean[];
  quotes: boolean[];
  paddings: boolean[];
}

/** Marks per parsed document: parses are shared between requests, so a document is read once. */
const marksOfDocuments = new WeakMap<Document, StyleMarks>();

/** The style marks of a document parsed from `text` (its ranges are offsets into that text). */
function styleMarks(text: string, document: Document): StyleMarks {
  const known = marksOfDocuments.get(document);
  if (known) return known;
  const marks: StyleMarks = {
    indents: [],
    indentSeqs: [],
    quotes: [],
    paddings: [],
  };
  visit(document, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!key?.range || !isCollection(value) || value.flow || !value.range)
        return;
      const keyColumn = columnOf(text, key.range[0]);
      if (isMap(value) && isPair(value.items[0])) {
        const firstKey = value.items[0].key as Node | null;
        if (firstKey?.range)
          marks.indents.push(columnOf(text, firstKey.range[0]) - keyColumn);
      } else if (isSeq(value)) {
        const dash = text.lastIndexOf('-', value.range[0]);
        if (dash >= 0) marks.indentSeqs.push(columnOf(text, dash) > keyColumn);
      }
    },
    Scalar(_, scalar) {
      if (scalar.type === 'QUOTE_SINGLE') marks.quotes.push(true);
      if (scalar.type === 'QUOTE_DOUBLE') marks.quotes.push(false);
    },
    Node(_, node) {
      if (
        isCollection(node) &&
        node.flow &&
        node.range &&
        node.items.length > 0
      ) {
        marks.paddings.push(text[node.range[0] + 1] === ' ');
      }
    },
  });
  marksOfDocuments.set(document, marks);
  return marks;
}

/**
 * Reads the style of an already parsed file: its parts, each with its text and its documents
 * parsed with source ranges (offsets into that text).
 */
export function detectYamlStyle(
  parts: Array<{ text: string; documents: Document[] }>,
): YamlStyle {
  const marks = parts.flatMap(({ text, documents }) =>
    documents.map(document => styleMarks(text, document)),
  );
  return {
    indent: mostCommon(
      marks.flatMap(m => m.indents).filter(n => n > 0),
      2,
    ),
    indentSeq: mostCommon(
      marks.flatMap(m => m.indentSeqs),
      true,
    ),
    singleQuote: mostCommon(
      marks.flatMap(m => m.quotes),
      false,
    ),
    flowCollectionPadding: mostCommon(
      marks.flatMap(m => m.paddings),
      true,
    ),
  };
}

/**
 * New nodes are rendered as YAML 1.1 so that strings such as `on`, `yes` or `0777` get quotes:
 * Kubernetes reads manifests with a YAML 1.1 parser, where they would not be strings.
 */
function newDocument(value: unknown): Document {
  return new Document(value, { version: '1.1' });
}

function toStringOptions(style: YamlStyle): ToStringOptions {
  // `null` lets a node's own quote type stand; `true` makes new strings prefer single quotes.
  return {
    ...style,
    singleQuote: style.singleQuote || null,
    lineWidth: 0,
    minContentWidth: 0,
  };
}

/**
 * Gives a new node the look of an existing one: flow or block collections, and the quoting of
 * string values under the same keys (a new env var is quoted like its siblings).
 */
function imitate(node: unknown, template: unknown): void {
  if (isCollection(node) && isCollection(template)) {
    node.flow = Boolean(template.flow);
  }
  if (isMap(node) && isMap(template)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      const templatePair = template.items.find(
        p => (isScalar(p.key) ? p.key.value : p.key) === key,
      );
      if (templatePair) imitate(pair.value, templatePair.value);
    }
  } else if (isSeq(node) && isSeq(template) && template.items.length > 0) {
    for (const item of node.items)
      imitate(item, template.items[template.items.length - 1]);
  } else if (
    isScalar(node) &&
    isScalar(template) &&
    typeof node.value === 'string'
  ) {
    if (template.type === 'QUOTE_DOUBLE' || template.type === 'QUOTE_SINGLE') {
      if (!node.value.includes('\n')) node.type = template.type;
    }
  }
}

/** Source text of a single scalar, quoted like `like` when that keeps its type. */
export function renderScalar(
  value: unknown,
  style: YamlStyle,
  like?: Scalar,
): string {
  const scalar = new Scalar(value);
  if (typeof value === 'string') {
    const keepQuotes =
      like?.type === 'QUOTE_DOUBLE' || like?.type === 'QUOTE_SINGLE';
    // Multi-line strings are written as one escaped line so the edit stays on one line.
    if (value.includes('\n')) scalar.type = 'QUOTE_DOUBLE';
    else if (keepQuotes) scalar.type = like!.type;
  }
  return newDocument(scalar)
    .toString(toStringOptions(style))
    .replace(/\n$/, '');
}

/** One-line flow text of a collection value (`{ name: A, value: b }`, `[a, b]`). */
export function renderFlow(
  value: unknown,
  style: YamlStyle,
  template?: unknown,
): string {
  const document = newDocument(value);
  if (template) imitate(document.contents, template);
  if (isCollection(document.contents)) document.contents.flow = true;
  return document.toString(toStringOptions(style)).trim();
}

/**
 * Block text for a new map entry (`key: value`) or list item (`- value`), with every line
 * indented to `column`; the first line carries the indent too unless `inline` is set.
 */
export function renderBlock(
  entry: { key: string; value: unknown } | { item: unknown },
  style: YamlStyle,
  column: number,
  eol: string,
  template?: unknown,
): string {
  const document =
    'key' in entry
      ? newDocument({ [entry.key]: entry.value })
      : newDocument([entry.item]);
  if (template !== undefined) {
    const contents = document.contents;
    if ('key' in entry && isMap(contents))
      imitate(contents.items[0].value, template);
    if (!('key' in entry) && isSeq(contents))
      imitate(contents.items[0], template);
  }
  const text = document.toString(toStringOptions(style)).replace(/\n$/, '');
  const pad = ' '.repeat(column);
  return text
    .split('\n')
    .map(line => (line ? pad + line : line))
    .join(eol)
    .concat(eol);
}

/** Block text of a collection value placed under a key, one indent deeper than the key. */
export function renderNestedBlock(
  value: unknown,
  style: YamlStyle,
  column: number,
  eol: string,
): string {
  const text = newDocument(value)
    .toString(toStringOptions(style))
    .replace(/\n$/, '');
  const pad = ' '.repeat(column);
  return text
    .split('\n')
    .map(line => (line ? pad + line : line))
    .join(eol)
    .concat(eol);
}
