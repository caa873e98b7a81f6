import { InputError } from '@backstage/errors';
import { Alias, isScalar, Node } from 'yaml';
import {
  buildValue,
  deleteAtPath,
  FieldPath,
  formatFieldPath,
  getAtPath,
  sameValue,
  setAtPath,
} from '@juanie/plugin-juanie-node';
import {
  copyTree,
  documentValue,
  parseYamlDocuments,
  splitYamlSegments,
  YamlParses,
} from '@juanie/plugin-juanie-node';
import { Located, YamlSplicer } from './YamlSplicer';
import { detectYamlStyle } from './YamlStyle';

const clone = <T>(value: T): T =>
  value === undefined ? value : structuredClone(value);

/** A `---` part of the file, edited on its own. */
interface Part {
  original: string;
  splicer: YamlSplicer;
  /** Index of the part's first document in the file. */
  first: number;
  count: number;
}

/**
 * Edits one YAML file by splicing only the characters that change, so comments, key order,
 * quoting, blank lines and `---` separators stay exactly as a person wrote them and the diff shows
 * just the edited lines. The yaml library's Document API locates nodes (with source ranges); the
 * new text for a node is rendered with the file's own style. Every edit is mirrored on plain
 * values, and {@link YamlFileEditor.toString} checks that the spliced text parses to exactly them.
 * The file is parsed once (through the request's {@link YamlParses}), in `---` parts: an edit
 * reads again only the part it changed.
 */
export class YamlFileEditor {
  private readonly parts: Part[] = [];
  /** Document values: shared (frozen) parse results until {@link YamlFileEditor.writable} copies one. */
  private readonly models: unknown[] = [];
  private readonly copied = new Set<number>();

  constructor(
    readonly file: string,
    text: string,
    private readonly parses: YamlParses = new YamlParses(),
  ) {
    const parsed = splitYamlSegments(text).map(segment => ({
      text: segment.text,
      documents: parseYamlDocuments(file, segment.text, parses),
    }));
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const style = detectYamlStyle(parsed);
    for (const { text: partText, documents } of parsed) {
      this.parts.push({
        original: partText,
        splicer: new YamlSplicer(file, partText, style, eol, parses),
        first: this.models.length,
        count: documents.length,
      });
      this.models.push(...documents.map(d => documentValue(file, d)));
    }
  }

  /** A document's value, copied on its first change: the parsed value is shared with other readers. */
  private writable(document: number): unknown {
    if (!this.copied.has(document)) {
      this.models[document] = copyTree(this.models[document]);
      this.copied.add(document);
    }
    return this.models[document];
  }

  /** The part holding a document, and the document's index in it. */
  private at(document: number): { splicer: YamlSplicer; local: number } {
    const part = this.parts.find(
      p => document >= p.first && document < p.first + p.count,
    );
    if (!part) throw new Error(`${this.file} has no document ${document}`);
    return { splicer: part.splicer, local: document - part.first };
  }

  private get text(): string {
    return this.parts.map(p => p.splicer.text).join('');
  }

  get documentCount(): number {
    return this.models.length;
  }

  /** The current value of a document (a copy). */
  documentValue(index: number): unknown {
    return clone(this.models[index]);
  }

  get(document: number, path: FieldPath): unknown {
    return clone(getAtPath(this.models[document], path));
  }

  /** Every document's current value, not copied: for reading only. */
  get documentValues(): readonly unknown[] {
    return this.models;
  }

  get changed(): boolean {
    return this.parts.some(p => p.splicer.text !== p.original);
  }

  /**
   * Sets a field, creating missing maps and list items (`env[name=X]` creates `{ name: X }`).
   * Returns a note for the change list when the edit had to write more than the field: an alias
   * on the path replaced by its own copy, or a field merged in by `<<` written out.
   */
  set(document: number, path: FieldPath, value: unknown): string | undefined {
    if (sameValue(this.get(document, path), value)) return undefined;
    const { splicer, local } = this.at(document);
    const walk = splicer.walk(local, path);
    this.refuseSharedAnchors(splicer, local, path, walk.trail);
    let note: string | undefined;
    if ('alias' in walk) {
      note = this.breakAlias(document, walk, path, copy =>
        setAtPath(copy, path.slice(walk.at), clone(value)),
      );
    } else if ('found' in walk) {
      splicer.replace(walk.found, value);
    } else if (walk.empty) {
      splicer.replace(walk.parent, buildValue(path.slice(walk.missing), value));
    } else {
      const parentPath = path.slice(0, walk.missing);
      const parentValue = getAtPath(this.models[document], parentPath);
      const key = path[walk.missing];
      const merged =
        typeof key === 'string' ? getAtPath(parentValue, [key]) : undefined;
      // Not written in the map, yet in its value: a `<<` merge key brings it. The map gets its
      // own key (which wins over merged ones), holding the merged value with the change made.
      const addition =
        merged === undefined
          ? buildValue(path.slice(walk.missing), value)
          : {
              [key as string]: setAtPath(
                clone(merged),
                path.slice(walk.missing + 1),
                clone(value),
              ),
            };
      if (merged !== undefined) {
        note = `${formatFieldPath(
          path.slice(0, walk.missing + 1),
        )} came from a YAML merge key (<<); it is now written in that map, and the merged values are unchanged`;
      }
      splicer.insert(walk.parent, parentValue, addition, key);
    }
    this.models[document] = setAtPath(
      this.writable(document),
      path,
      clone(value),
    );
    return note;
  }

  /**
   * Refuses an edit inside an anchored node that aliases use: it would change every use at once
   * while the change names one place.
   */
  private refuseSharedAnchors(
    splicer: YamlSplicer,
    document: number,
    path: FieldPath,
    trail: ReadonlyArray<Node | null>,
  ): void {
    trail.forEach((node, depth) => {
      if (!node?.anchor) return;
      const aliases = splicer.aliasesOf(document, node);
      if (aliases === 0) return;
      const where = formatFieldPath(path.slice(0, depth)) || 'the document';
      throw new InputError(
        `${this.file}: ${where} is the YAML anchor &${
          node.anchor
        }, also used by ${aliases} ${aliases === 1 ? 'alias' : 'aliases'} (*${
          node.anchor
        }); Juanie does not change shared anchors. Write the value out in full where it should differ, or remove the anchor`,
      );
    });
  }

  /**
   * Replaces the alias on `path` by a copy of its value with `change` made, so only this use of
   * the anchor changes; returns the note for the change list.
   */
  private breakAlias(
    document: number,
    walk: { alias: Located; at: number },
    path: FieldPath,
    change: (copy: unknown) => unknown,
  ): string {
    const { splicer } = this.at(document);
    const at = path.slice(0, walk.at);
    const alias = walk.alias.node as Alias;
    splicer.replace(
      walk.alias,
      change(clone(getAtPath(this.models[document], at))),
    );
    return `${formatFieldPath(at)} was the YAML alias *${
      alias.source
    }; it now holds its own copy of the value, so the anchor &${
      alias.source
    } and its other uses are unchanged`;
  }

  /** Removes a field or list item; false when it was not there. */
  delete(document: number, path: FieldPath): boolean {
    const { splicer, local } = this.at(document);
    const walk = splicer.walk(local, path);
    if (path.length === 0) return false;
    this.refuseSharedAnchors(splicer, local, path, walk.trail);
    if ('alias' in walk) {
      if (getAtPath(this.models[document], path) === undefined) return false;
      this.breakAlias(document, walk, path, copy => {
        deleteAtPath(copy, path.slice(walk.at));
        return copy;
      });
      deleteAtPath(this.writable(document), path);
      return true;
    }
    if (!('found' in walk)) {
      if (getAtPath(this.models[document], path) === undefined) return false;
      throw new InputError(
        `${this.file}: ${formatFieldPath(
          path,
        )} comes from a YAML merge key (<<); Juanie cannot remove a merged field. Remove it from the merged map, or set it in the map that uses it`,
      );
    }
    const { node, holder } = walk.found;
    const parentPath = path.slice(0, -1);
    const parentWalk = splicer.walk(local, parentPath);
    if (!('found' in parentWalk)) return false;
    const remaining = clone(getAtPath(this.models[document], parentPath));
    deleteAtPath(remaining, [path[path.length - 1]]);
    if (
      holder.kind === 'pair' &&
      !holder.map.flow &&
      holder.map.items.length > 1
    ) {
      splicer.deletePair(holder.map, holder.pair);
    } else if (
      holder.kind === 'item' &&
      !holder.seq.flow &&
      holder.seq.items.length > 1
    ) {
      splicer.deleteItem(node!);
    } else {
      splicer.replace(parentWalk.found, remaining);
    }
    deleteAtPath(this.writable(document), path);
    return true;
  }

  /**
   * Edits YAML written inside a literal block scalar (a Kustomize inline `patch: |`), line by
   * line, keeping the block's indentation.
   */
  editEmbedded(
    document: number,
    path: FieldPath,
    edit: (inner: YamlFileEditor) => void,
  ): void {
    const { splicer, local } = this.at(document);
    const walk = splicer.walk(local, path);
    const node = 'found' in walk ? walk.found.node : null;
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) {
      throw new InputError(
        `${this.file}: ${formatFieldPath(path)} is not an inline YAML text`,
      );
    }
    const [start, end] = node.range;
    const source = splicer.text.slice(start, end);
    const header = source.slice(0, source.indexOf('\n') + 1);
    if (node.type !== 'BLOCK_LITERAL' || !/^\|-?\s*(#.*)?\r?\n$/.test(header)) {
      throw new InputError(
        `${this.file}: ${formatFieldPath(
          path,
        )} must be a "|" or "|-" block to be edited`,
      );
    }
    const inner = new YamlFileEditor(
      `${this.file} (${formatFieldPath(path)})`,
      node.value,
      this.parses,
    );
    edit(inner);
    if (!inner.changed) return;
    const indent = /^( *)\S/m.exec(source.slice(header.length))?.[1] ?? '  ';
    const content = inner.toString().replace(/\n+$/, '');
    const lines = content
      .split('\n')
      .map(line => (line ? indent + line : line));
    const eol = splicer.eol;
    splicer.splice(start, end, header + lines.join(eol) + eol);
    const value = header.startsWith('|-') ? content : `${content}\n`;
    this.models[document] = setAtPath(this.writable(document), path, value);
  }

  /** The edited text, after checking that each changed part parses to the intended values. */
  toString(): string {
    for (const part of this.parts) {
      if (part.splicer.text === part.original) continue;
      const values = parseYamlDocuments(
        this.file,
        part.splicer.text,
        this.parses,
      ).map(d => documentValue(this.file, d));
      const intended = this.models.slice(part.first, part.first + part.count);
      if (!sameValue(values, intended)) {
        throw new Error(
          `Editing ${this.file} would change more than intended; nothing was written`,
        );
      }
    }
    return this.text;
  }
}
