import { InputError } from '@backstage/errors';
import { documentRefs, FieldChange } from './FieldChange';
import { FieldPath, formatFieldPath, sameValue } from '@juanie/plugin-juanie-node';
import { overwrittenPlaceholder } from '@juanie/plugin-juanie-node';
import {
  assertManifestSizes,
  parseYamlValues,
  YamlParses,
} from '@juanie/plugin-juanie-node';
import { YamlFileEditor } from './YamlFileEditor';

/**
 * Refuses to overwrite a Flux post-build substitution placeholder: the value is set where the
 * variable is, and a literal here would silently stop it from applying.
 */
function refuseOverwritingPlaceholder(change: FieldChange): void {
  const placeholder = overwrittenPlaceholder(change.old, change.new);
  if (!placeholder) return;
  const where = change.embeddedPath
    ? `${change.path} → ${change.embeddedPath}`
    : change.path;
  const variable = /\w+/.exec(placeholder.slice(2))![0];
  throw new InputError(
    `${change.file}: ${where} holds ${placeholder}: the value comes from Flux post-build substitution of ${variable}. Change ${variable} where it is set (the Flux Kustomization's postBuild.substitute, or a ConfigMap or Secret of its postBuild.substituteFrom); Juanie does not overwrite it`,
  );
}

/** Field edits on one YAML document, used for inline patch texts as well as files. */
export interface DocumentEdits {
  get(path: FieldPath): unknown;
  set(path: FieldPath, value: unknown): void;
  delete(path: FieldPath): void;
}

/**
 * The files of an environment path while a change is applied: opens an editor per touched file,
 * refuses writes outside the path (`../` bases are shared with other environments), and records
 * every field that changes. Every file is checked against the size limit, then parsed once, on
 * creation: an oversized file or an alias bomb anywhere refuses the change before any edit.
 */
export class ManifestWorkspace {
  private readonly editors = new Map<string, YamlFileEditor>();
  private readonly values = new Map<string, unknown[]>();
  private readonly changes: FieldChange[] = [];

  constructor(
    private readonly files: Record<string, string>,
    /** The request's parses, shared with the validation of its result. */
    readonly parses: YamlParses = new YamlParses(),
    /** Paths taken by symbolic links: they exist, though Juanie does not read them. */
    private readonly links: string[] = [],
  ) {
    assertManifestSizes(files);
    for (const file of Object.keys(files).sort()) {
      this.values.set(file, parseYamlValues(file, files[file], parses));
    }
  }

  has(file: string): boolean {
    return (
      file in this.files || this.editors.has(file) || this.links.includes(file)
    );
  }

  /** Current values of every document of a file, for reading only (they are not copies). */
  documents(file: string): readonly unknown[] {
    return (
      this.editors.get(file)?.documentValues ?? this.values.get(file) ?? []
    );
  }

  /** Adds a new file; its fields are then set through {@link ManifestWorkspace.edit}. */
  create(file: string, text: string): void {
    if (this.has(file)) throw new Error(`${file} already exists`);
    this.writable(file);
    this.editors.set(file, new YamlFileEditor(file, text, this.parses));
  }

  /** Edits on one document of a file; every change is recorded. */
  edit(file: string, document: number): DocumentEdits {
    const editor = this.editor(file);
    const ref = () => documentRefs(this.documents(file))[document];
    return this.recording(
      path => editor.get(document, path),
      (path, value) => editor.set(document, path, value),
      path => editor.delete(document, path),
      (path, old, value) => ({
        file,
        document: ref(),
        path: formatFieldPath(path),
        old,
        new: value,
      }),
    );
  }

  /** Edits on YAML text held in a field (an inline patch); changes name the embedded path. */
  editEmbedded(
    file: string,
    document: number,
    at: FieldPath,
    apply: (edits: DocumentEdits) => void,
  ): void {
    const editor = this.editor(file);
    const ref = documentRefs(this.documents(file))[document];
    editor.editEmbedded(document, at, inner =>
      apply(
        this.recording(
          path => inner.get(0, path),
          (path, value) => inner.set(0, path, value),
          path => inner.delete(0, path),
          (path, old, value) => ({
            file,
            document: ref,
            path: formatFieldPath(at),
            embeddedPath: formatFieldPath(path),
            old,
            new: value,
          }),
        ),
      ),
    );
  }

  /** The changed files (path → new text) and the fields that changed. */
  result(): { files: Record<string, string>; changes: FieldChange[] } {
    const files: Record<string, string> = {};
    for (const [file, editor] of this.editors) {
      const text = editor.toString();
      if (text !== this.files[file]) files[file] = text;
    }
    return { files, changes: [...this.changes] };
  }

  private recording(
    get: (path: FieldPath) => unknown,
    /** Returns a note for the change list when it wrote more than the field. */
    set: (path: FieldPath, value: unknown) => string | undefined,
    remove: (path: FieldPath) => void,
    describe: (path: FieldPath, old: unknown, value: unknown) => FieldChange,
  ): DocumentEdits {
    const record = (change: FieldChange) => {
      const same = this.changes.find(
        c =>
          c.file === change.file &&
          c.document === change.document &&
          c.path === change.path &&
          c.embeddedPath === change.embeddedPath,
      );
      if (same) {
        same.new = change.new;
        if (change.note) same.note = change.note;
      } else this.changes.push(change);
    };
    return {
      get,
      set: (path, value) => {
        const old = get(path);
        if (sameValue(old, value)) return;
        const change = describe(path, old, value);
        refuseOverwritingPlaceholder(change);
        const note = set(path, value);
        record(note ? { ...change, note } : change);
      },
      delete: path => {
        const old = get(path);
        if (old === undefined) return;
        remove(path);
        record(describe(path, old, undefined));
      },
    };
  }

  private writable(file: string): void {
    if (file.startsWith('../') || file.startsWith('/')) {
      throw new InputError(
        `${file} is outside the environment path and may be shared with other environments; Juanie only edits files inside the path`,
      );
    }
  }

  private editor(file: string): YamlFileEditor {
    this.writable(file);
    let editor = this.editors.get(file);
    if (!editor) {
      if (!(file in this.files)) throw new Error(`${file} does not exist`);
      editor = new YamlFileEditor(file, this.files[file], this.parses);
      this.editors.set(file, editor);
    }
    return editor;
  }
}
