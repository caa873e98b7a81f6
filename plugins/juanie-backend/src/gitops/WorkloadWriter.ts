import { InputError } from '@backstage/errors';
import { stringify } from 'yaml';
import {
  deleteAtPath,
  FieldPath,
  getAtPath,
  indexOfSegment,
  isRecord,
  ownField,
  setAtPath,
} from '@juanie/plugin-juanie-node';
import { applyImageChange, formatImageReference } from './ImageReference';
import { hasImagesEntry, writeImagesEntry } from './imagesEntry';
import { KustomizeLayout, PatchEntry } from '@juanie/plugin-juanie-node';
import { DocumentEdits, ManifestWorkspace } from './ManifestWorkspace';
import { Workload, WorkloadEdit } from './WorkloadEdits';
import { PatchSlot, patchSlotsFor } from '@juanie/plugin-juanie-node';

type SetOrDelete = Exclude<WorkloadEdit, { op: 'image' }>;

/**
 * Decides which file receives each field edit, the way a person maintaining the repository
 * would: the patch that already sets the field (it wins over the base), else the manifest when
 * it lives in the environment path, else a strategic-merge patch of the overlay (created and
 * listed in `patches:` if there is none). Images go to a matching Kustomize `images:` entry.
 */
export class WorkloadWriter {
  private readonly patches: PatchEntry[];

  constructor(
    private readonly workspace: ManifestWorkspace,
    private readonly layout: KustomizeLayout,
    private readonly workload: Workload,
    /** The workload as the overlay builds it (its document with the patches applied). */
    private readonly built: Record<string, unknown>,
  ) {
    this.patches = [...layout.patches];
  }

  private get local(): boolean {
    return !this.workload.file.startsWith('../');
  }

  apply(edit: WorkloadEdit): void {
    if (edit.op === 'image') this.applyImage(edit);
    else if (edit.op === 'set') this.applySet(edit);
    else this.applyDelete(edit);
  }

  private applySet(edit: Extract<WorkloadEdit, { op: 'set' }>): void {
    const setting = this.slotsSetting(edit.path).pop();
    if (setting) {
      this.writeSlot(setting, edit);
    } else if (this.local) {
      this.manifest().set(edit.path, edit.value);
    } else {
      this.writeSlot(this.overlayPatch(), edit);
    }
  }

  /** The workload's own document, for workloads inside the environment path. */
  private manifest(): DocumentEdits {
    return this.workspace.edit(this.workload.file, this.workload.document);
  }

  private applyDelete(edit: Extract<WorkloadEdit, { op: 'delete' }>): void {
    const setting = this.slotsSetting(edit.path);
    if (this.local) {
      setting.forEach(slot => this.writeSlot(slot, edit));
      this.manifest().delete(edit.path);
    } else if (getAtPath(this.workload.value, edit.path) === undefined) {
      setting.forEach(slot => this.writeSlot(slot, edit));
    } else {
      // The base keeps the field: only a deletion directive in the overlay removes it.
      this.writeSlot(setting.pop() ?? this.overlayPatch(), edit);
    }
  }

  private applyImage(edit: Extract<WorkloadEdit, { op: 'image' }>): void {
    const { current, change } = edit;
    const kustomization = this.layout.kustomization;
    if (
      kustomization &&
      hasImagesEntry(this.workspace, kustomization, current.name)
    ) {
      writeImagesEntry(this.workspace, kustomization, current, change);
      return;
    }
    const image = formatImageReference(applyImageChange(current, change));
    if (
      this.local ||
      this.slotsSetting(edit.path).length > 0 ||
      !kustomization
    ) {
      this.applySet({ op: 'set', path: edit.path, value: image });
      return;
    }
    writeImagesEntry(this.workspace, kustomization, current, change);
  }

  /** Patch documents for this workload, in the order Kustomize applies them. */
  private slots(): PatchSlot[] {
    return patchSlotsFor(
      this.layout,
      file => this.workspace.documents(file),
      this.workload.kind,
      this.workload.name,
      this.patches,
    );
  }

  private slotsSetting(path: FieldPath): PatchSlot[] {
    return this.slots().filter(slot =>
      slot.type === 'json6902'
        ? this.jsonPatchOp(slot, path) >= 0
        : getAtPath(slot.value, path) !== undefined,
    );
  }

  /** Index of an `add`/`replace` operation of a JSON 6902 patch that writes exactly `path`. */
  private jsonPatchOp(slot: PatchSlot, path: FieldPath): number {
    const pointer = this.pointerOf(path);
    const ops = slot.value as unknown[];
    return ops.findIndex(
      op =>
        isRecord(op) &&
        (op.op === 'add' || op.op === 'replace') &&
        op.path === pointer,
    );
  }

  /** RFC 6901 pointer of a path, resolving list selectors against the workload manifest. */
  private pointerOf(path: FieldPath): string | undefined {
    let current: unknown = this.workload.value;
    const tokens: string[] = [];
    for (const segment of path) {
      if (typeof segment === 'string') {
        tokens.push(segment.replace(/~/g, '~0').replace(/\//g, '~1'));
        current = isRecord(current) ? ownField(current, segment) : undefined;
      } else {
        const index = Array.isArray(current)
          ? indexOfSegment(current, segment)
          : -1;
        if (index < 0) return undefined;
        tokens.push(String(index));
        current = (current as unknown[])[index];
      }
    }
    return `/${tokens.join('/')}`;
  }

  private withSlot(
    slot: PatchSlot,
    edit: (edits: DocumentEdits) => void,
  ): void {
    if (slot.entry.file) {
      edit(this.workspace.edit(slot.entry.file, slot.document));
    } else {
      const kustomization = this.layout.kustomization!;
      this.workspace.editEmbedded(kustomization, 0, slot.entry.inline!, edit);
    }
  }

  private writeSlot(slot: PatchSlot, edit: SetOrDelete): void {
    if (slot.type === 'json6902') {
      const op = this.jsonPatchOp(slot, edit.path);
      const keptByBase =
        !this.local && getAtPath(this.workload.value, edit.path) !== undefined;
      this.withSlot(slot, edits => {
        if (edit.op === 'set') {
          edits.set([op, 'value'], edit.value);
        } else if (keptByBase) {
          edits.set([op], { op: 'remove', path: this.pointerOf(edit.path) });
        } else {
          edits.delete([op]);
        }
      });
      return;
    }
    const selector = edit.path.findIndex(s => typeof s !== 'string');
    if (this.workload.kind === 'HelmRelease' && selector >= 0) {
      // Custom resources merge lists as a whole: write the complete list.
      const listPath = edit.path.slice(0, selector);
      const list = structuredClone(
        getAtPath(slot.value, listPath) ?? getAtPath(this.built, listPath),
      );
      const rest = edit.path.slice(selector);
      const next =
        edit.op === 'set'
          ? setAtPath(list, rest, edit.value)
          : (deleteAtPath(list, rest), list);
      this.withSlot(slot, edits => edits.set(listPath, next));
      return;
    }
    const keptByBase =
      !this.local && getAtPath(this.workload.value, edit.path) !== undefined;
    this.withSlot(slot, edits => {
      if (edit.op === 'set') {
        edits.set(edit.path, edit.value);
      } else if (!keptByBase) {
        edits.delete(edit.path);
      } else if (typeof edit.path[edit.path.length - 1] === 'string') {
        edits.set(edit.path, null); // strategic merge: null removes a field
      } else {
        edits.set([...edit.path, '$patch'], 'delete'); // and this a list item
      }
    });
  }

  /** The overlay's strategic-merge patch for the workload, created when there is none. */
  private overlayPatch(): PatchSlot {
    const existing = this.slots().filter(slot => slot.type === 'strategic');
    const preferred =
      existing.filter(slot => slot.entry.file).pop() ?? existing.pop();
    if (preferred) return preferred;
    const file = this.createPatchFile();
    return this.slots().find(slot => slot.entry.file === file)!;
  }

  /** Writes `<name>-<kind>-patch.yaml` and lists it in the kustomization. */
  private createPatchFile(): string {
    const kustomization = this.layout.kustomization;
    const { kind, name, value } = this.workload;
    if (!kustomization) {
      throw new InputError(
        `${this.workload.file} is outside the environment path`,
      );
    }
    const stem = `${name.replace(
      /[^A-Za-z0-9.-]/g,
      '-',
    )}-${kind.toLowerCase()}-patch`;
    let file = `${stem}.yaml`;
    for (let n = 2; this.workspace.has(file); n++) file = `${stem}-${n}.yaml`;
    const metadata = isRecord(value.metadata) ? value.metadata : {};
    const namespace =
      typeof metadata.namespace === 'string'
        ? { namespace: metadata.namespace }
        : {};
    const header = {
      apiVersion: value.apiVersion,
      kind,
      metadata: { name, ...namespace },
    };
    const comment = `# Environment-specific settings for ${kind}/${name}, written by Juanie.`;
    this.workspace.create(file, `${comment}\n${stringify(header)}`);

    const document = this.workspace.documents(kustomization)[0];
    const edits = this.workspace.edit(kustomization, 0);
    const legacy = getAtPath(document, ['patchesStrategicMerge']);
    const patches = getAtPath(document, ['patches']);
    // Follow the kustomization's own convention when it only uses the deprecated list.
    if (Array.isArray(legacy) && patches === undefined) {
      edits.set(['patchesStrategicMerge', legacy.length], file);
      this.patches.push({
        list: 'patchesStrategicMerge',
        index: legacy.length,
        file,
      });
    } else {
      edits.set(['patches', { key: 'path', value: file }], { path: file });
      const index = Array.isArray(patches) ? patches.length : 0;
      this.patches.push({ list: 'patches', index, file });
    }
    return file;
  }
}
