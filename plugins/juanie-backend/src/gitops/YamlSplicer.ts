import { InputError } from '@backstage/errors';
import {
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  Node,
  Pair,
  visit,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import { FieldPath, formatFieldPath, isRecord } from '@juanie/plugin-juanie-node';
import { Document } from 'yaml';
import { parseYamlDocuments, YamlParses } from '@juanie/plugin-juanie-node';
import {
  columnOf,
  renderBlock,
  renderFlow,
  renderNestedBlock,
  renderScalar,
  YamlStyle,
} from './YamlStyle';

export type Holder =
  | { kind: 'root' }
  | { kind: 'pair'; map: YAMLMap; pair: Pair }
  | { kind: 'item'; seq: YAMLSeq; index: number };

/** A node of the current text and what holds it. */
export interface Located {
  node: Node | null;
  holder: Holder;
  inFlow: boolean;
}

export type Walk = (
  | { found: Located }
  | { parent: Located; missing: number; empty: boolean }
  /** `path.slice(0, at)` is an alias: what follows it is written at its anchor, not here. */
  | { alias: Located; at: number }
) & {
  /** The nodes the walk passed: `trail[k]` is at `path.slice(0, k)`. */
  trail: Array<Node | null>;
};

function indexOfItem(
  seq: YAMLSeq,
  segment: number | { key: string; value: string },
): number {
  if (typeof segment === 'number')
    return segment < seq.items.length ? segment : -1;
  return seq.items.findIndex(
    i => isMap(i) && i.get(segment.key) === segment.value,
  );
}

/**
 * Text-level edits of a YAML text (one `---` part of a file): node positions come from the
 * parse of the current text, read again only after a splice changed it, and each operation
 * splices just the characters of one entry, rendered in the file's style.
 */
export class YamlSplicer {
  private current: string;
  private parsed?: Document.Parsed[];

  constructor(
    readonly file: string,
    text: string,
    private readonly style: YamlStyle,
    readonly eol: string,
    private readonly parses: YamlParses,
  ) {
    this.current = text;
  }

  get text(): string {
    return this.current;
  }

  private documents(): Document.Parsed[] {
    this.parsed ??= parseYamlDocuments(this.file, this.current, this.parses);
    return this.parsed;
  }

  /** Finds the node at `path`, or where it is missing. */
  walk(document: number, path: FieldPath): Walk {
    const parsed = this.documents()[document];
    if (!parsed) throw new Error(`${this.file} has no document ${document}`);
    let current: Located = {
      node: parsed.contents,
      holder: { kind: 'root' },
      inFlow: false,
    };
    const trail: Array<Node | null> = [];
    for (let k = 0; k < path.length; k++) {
      const node = current.node;
      const segment = path[k];
      trail.push(node);
      if (isAlias(node)) return { alias: current, at: k, trail };
      const inFlow =
        current.inFlow || (isCollection(node) && Boolean(node.flow));
      if (typeof segment === 'string' && isMap(node)) {
        const pair = node.items.find(
          p => (isScalar(p.key) ? p.key.value : p.key) === segment,
        );
        if (!pair) return { parent: current, missing: k, empty: false, trail };
        current = {
          node: pair.value as Node | null,
          holder: { kind: 'pair', map: node, pair },
          inFlow,
        };
      } else if (typeof segment !== 'string' && isSeq(node)) {
        const index = indexOfItem(node, segment);
        if (index < 0)
          return { parent: current, missing: k, empty: false, trail };
        const item = node.items[index] as Node;
        current = {
          node: item,
          holder: { kind: 'item', seq: node, index },
          inFlow,
        };
      } else if (node === null || (isScalar(node) && node.value === null)) {
        return { parent: current, missing: k, empty: true, trail };
      } else {
        const where = formatFieldPath(path.slice(0, k)) || 'the document';
        throw new InputError(
          `${this.file}: ${where} is not a ${
            typeof segment === 'string' ? 'map' : 'list'
          }`,
        );
      }
    }
    trail.push(current.node);
    return { found: current, trail };
  }

  /** How many aliases of a document refer to an anchored node. */
  aliasesOf(document: number, anchored: Node): number {
    const parsed = this.documents()[document];
    let count = 0;
    visit(parsed, {
      Alias(_, alias) {
        if (alias.resolve(parsed) === anchored) count++;
      },
    });
    return count;
  }

  splice(start: number, end: number, insert: string): void {
    this.current =
      this.current.slice(0, start) + insert + this.current.slice(end);
    this.parsed = undefined;
  }

  /** Offset just past the line on which `offset` sits (or the end of the text). */
  private lineEnd(offset: number): number {
    if (offset > 0 && this.text[offset - 1] === '\n') return offset;
    const newline = this.text.indexOf('\n', offset);
    return newline < 0 ? this.text.length : newline + 1;
  }

  private lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  private colonEnd(pair: Pair): number {
    const key = pair.key as Node;
    const colon = this.text.indexOf(':', key.range![1]);
    if (colon < 0)
      throw new Error(`${this.file}: cannot find the ':' after a key`);
    return colon + 1;
  }

  private dashOf(item: Node): number {
    const dash = this.text.lastIndexOf('-', item.range![0]);
    if (dash < 0 || this.text.slice(dash + 1, item.range![0]).trim() !== '') {
      throw new InputError(
        `${this.file}: cannot edit a list item written in this form`,
      );
    }
    return dash;
  }

  /** Replaces the node (or empty value) at a location with a rendered value. */
  replace(located: Located, value: unknown): void {
    const { node, holder } = located;
    const scalarValue = value === null || typeof value !== 'object';
    const emptyValue =
      isScalar(node) &&
      node.value === null &&
      node.range![0] === node.range![1];
    if (holder.kind === 'root') {
      throw new InputError(`${this.file}: cannot replace a whole document`);
    }
    if (
      node &&
      !emptyValue &&
      (isScalar(node) || (isCollection(node) && node.flow))
    ) {
      if (scalarValue || (isCollection(node) && node.items.length > 0)) {
        let text = scalarValue
          ? renderScalar(value, this.style, isScalar(node) ? node : undefined)
          : renderFlow(value, this.style, node);
        if (
          located.inFlow &&
          typeof value === 'string' &&
          /[,[\]{}]/.test(value) &&
          !/^["']/.test(text)
        ) {
          text = JSON.stringify(value);
        }
        const [start, end] = node.range!;
        const replaced = this.text.slice(start, end);
        this.splice(
          start,
          end,
          text + (isScalar(node) && replaced.endsWith('\n') ? this.eol : ''),
        );
        return;
      }
    }
    const oneLine =
      scalarValue ||
      (isRecord(value)
        ? Object.keys(value).length === 0
        : (value as unknown[]).length === 0);
    if (holder.kind === 'pair') {
      const start = this.colonEnd(holder.pair);
      const end =
        node && !emptyValue
          ? this.lineEnd(node.range![1])
          : this.lineEnd(start);
      const keepNewline = this.text.slice(start, end).endsWith('\n')
        ? this.eol
        : '';
      if (oneLine) {
        const text = scalarValue
          ? renderScalar(value, this.style)
          : renderFlow(value, this.style);
        this.splice(start, end, ` ${text}${keepNewline}`);
        return;
      }
      const keyColumn = columnOf(
        this.text,
        (holder.pair.key as Node).range![0],
      );
      const column =
        keyColumn +
        (Array.isArray(value) && !this.style.indentSeq ? 0 : this.style.indent);
      this.splice(
        start,
        end,
        this.eol + renderNestedBlock(value, this.style, column, this.eol),
      );
      return;
    }
    const start = node!.range![0];
    const end = this.lineEnd(node!.range![1]);
    if (oneLine) {
      const text = scalarValue
        ? renderScalar(value, this.style)
        : renderFlow(value, this.style);
      this.splice(start, end, text + this.eol);
      return;
    }
    const column = columnOf(this.text, start);
    const block = renderNestedBlock(value, this.style, column, this.eol);
    this.splice(start, end, block.slice(column));
  }

  /** Adds a key to a map or an item to a list, after its last entry. */
  insert(
    parent: Located,
    parentValue: unknown,
    addition: unknown,
    segment: FieldPath[number],
  ): void {
    const collection = parent.node;
    if (
      isMap(collection) &&
      typeof segment === 'string' &&
      isRecord(addition)
    ) {
      if (collection.flow) {
        this.replace(parent, { ...(parentValue as object), ...addition });
        return;
      }
      const last = collection.items[collection.items.length - 1];
      const lastNode = (last.value as Node | null)?.range
        ? (last.value as Node)
        : (last.key as Node);
      const column = columnOf(this.text, (last.key as Node).range![0]);
      // A key new to this list item is written like the same key in the other items.
      const cousins =
        parent.holder.kind === 'item'
          ? parent.holder.seq.items.filter(isMap)
          : [];
      const template = cousins
        .map(item => item.get(segment, true))
        .find(Boolean);
      const entry = { key: segment, value: addition[segment] };
      this.insertLines(
        this.lineEnd(lastNode.range![1]),
        renderBlock(entry, this.style, column, this.eol, template),
      );
      return;
    }
    if (isSeq(collection) && Array.isArray(addition)) {
      const item = addition[0];
      if (collection.flow) {
        this.replace(parent, [...(parentValue as unknown[]), item]);
        return;
      }
      const last = collection.items[collection.items.length - 1] as Node;
      const column = columnOf(this.text, this.dashOf(last));
      // New items look like the last sibling with the same keys (a `{name, value}` env entry).
      const keys = isRecord(item) ? Object.keys(item) : [];
      const template =
        [...collection.items]
          .reverse()
          .find(i => isMap(i) && keys.every(k => i.has(k))) ?? last;
      this.insertLines(
        this.lineEnd(last.range![1]),
        renderBlock({ item }, this.style, column, this.eol, template),
      );
      return;
    }
    throw new InputError(
      `${this.file}: cannot add ${JSON.stringify(segment)} here`,
    );
  }

  private insertLines(offset: number, lines: string): void {
    const needsNewline =
      offset === this.text.length && offset > 0 && !this.text.endsWith('\n');
    this.splice(offset, offset, (needsNewline ? this.eol : '') + lines);
  }

  /** Removes the lines of a map entry. */
  deletePair(map: YAMLMap, pair: Pair): void {
    const key = pair.key as Node;
    const value = pair.value as Node | null;
    const start = this.lineStart(key.range![0]);
    const end = this.lineEnd(
      value?.range && value.range[1] > key.range![1]
        ? value.range[1]
        : this.colonEnd(pair),
    );
    if (this.text.slice(start, key.range![0]).trim() === '') {
      this.splice(start, end, '');
      return;
    }
    // The first key of a list item shares its line with "- ": the next key moves up instead.
    const next = map.items[map.items.indexOf(pair) + 1];
    if (!next)
      throw new InputError(
        `${this.file}: cannot remove a field written in this form`,
      );
    this.splice(key.range![0], (next.key as Node).range![0], '');
  }

  /** Removes the lines of a list item. */
  deleteItem(item: Node): void {
    const dash = this.dashOf(item);
    const start = this.lineStart(dash);
    if (this.text.slice(start, dash).trim() !== '') {
      throw new InputError(
        `${this.file}: cannot remove a list item written in this form`,
      );
    }
    this.splice(start, this.lineEnd(item.range![1]), '');
  }
}
