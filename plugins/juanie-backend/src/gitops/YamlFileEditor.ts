import { InputError } from '@backstage/errors';
import { isScalar } from 'yaml';
import {
  buildValue,
  deleteAtPath,
  FieldPath,
  formatFieldPath,
  getAtPath,
  sameValue,
  setAtPath,
} from './FieldPath';
import {
  MAX_ALIAS_COUNT,
  parseYamlDocuments,
  parseYamlValues,
} from './parseYamlDocuments';
import { YamlSplicer } from './YamlSplicer';
import { detectYamlStyle } from './YamlStyle';

const clone = <T>(value: T): T =>
  value === undefined ? value : structuredClone(value);

/**
 * Edits one YAML file by splicing only the characters that change, so comments, key order,
 * quoting, blank lines and `---` separators stay exactly as a person wrote them and the diff shows
 * just the edited lines. The yaml library's Document API locates nodes (with source ranges); the
 * new text for a node is rendered with the file's own style. Every edit is mirrored on plain
 * values, and {@link YamlFileEditor.toString} checks that the spliced text parses to exactly them.
 */
export class YamlFileEditor {
  private readonly splicer: YamlSplicer;
  private readonly original: string;
  private readonly models: unknown[];

  constructor(readonly file: string, text: string) {
    const documents = parseYamlDocuments(file, text);
    this.original = text;
    this.models = documents.map(d =>
      d.toJS({ maxAliasCount: MAX_ALIAS_COUNT }),
    );
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    this.splicer = new YamlSplicer(
      file,
      text,
      detectYamlStyle(text, documents),
      eol,
    );
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

  get changed(): boolean {
    return this.splicer.text !== this.original;
  }

  /** Sets a field, creating missing maps and list items (`env[name=X]` creates `{ name: X }`). */
  set(document: number, path: FieldPath, value: unknown): void {
    if (sameValue(this.get(document, path), value)) return;
    const walk = this.splicer.walk(document, path);
    if ('found' in walk) {
      this.splicer.replace(walk.found, value);
    } else if (walk.empty) {
      this.splicer.replace(
        walk.parent,
        buildValue(path.slice(walk.missing), value),
      );
    } else {
      const parentValue = getAtPath(
        this.models[document],
        path.slice(0, walk.missing),
      );
      const addition = buildValue(path.slice(walk.missing), value);
      this.splicer.insert(
        walk.parent,
        parentValue,
        addition,
        path[walk.missing],
      );
    }
    this.models[document] = setAtPath(
      this.models[document],
      path,
      clone(value),
    );
  }

  /** Removes a field or list item; false when it was not there. */
  delete(document: number, path: FieldPath): boolean {
    const walk = this.splicer.walk(document, path);
    if (!('found' in walk) || path.length === 0) return false;
    const { node, holder } = walk.found;
    const parentPath = path.slice(0, -1);
    const parentWalk = this.splicer.walk(document, parentPath);
    if (!('found' in parentWalk)) return false;
    const remaining = clone(getAtPath(this.models[document], parentPath));
    deleteAtPath(remaining, [path[path.length - 1]]);
    if (
      holder.kind === 'pair' &&
      !holder.map.flow &&
      holder.map.items.length > 1
    ) {
      this.splicer.deletePair(holder.map, holder.pair);
    } else if (
      holder.kind === 'item' &&
      !holder.seq.flow &&
      holder.seq.items.length > 1
    ) {
      this.splicer.deleteItem(node!);
    } else {
      this.splicer.replace(parentWalk.found, remaining);
    }
    deleteAtPath(this.models[document], path);
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
    const walk = this.splicer.walk(document, path);
    const node = 'found' in walk ? walk.found.node : null;
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) {
      throw new InputError(
        `${this.file}: ${formatFieldPath(path)} is not an inline YAML text`,
      );
    }
    const [start, end] = node.range;
    const source = this.splicer.text.slice(start, end);
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
    );
    edit(inner);
    if (!inner.changed) return;
    const indent = /^( *)\S/m.exec(source.slice(header.length))?.[1] ?? '  ';
    const content = inner.toString().replace(/\n+$/, '');
    const lines = content
      .split('\n')
      .map(line => (line ? indent + line : line));
    const eol = this.splicer.eol;
    this.splicer.splice(start, end, header + lines.join(eol) + eol);
    const value = header.startsWith('|-') ? content : `${content}\n`;
    this.models[document] = setAtPath(this.models[document], path, value);
  }

  /** The edited text, after checking that it parses to the intended values. */
  toString(): string {
    const text = this.splicer.text;
    if (!this.changed) return text;
    if (!sameValue(parseYamlValues(this.file, text), this.models)) {
      throw new Error(
        `Editing ${this.file} would change more than intended; nothing was written`,
      );
    }
    return text;
  }
}
