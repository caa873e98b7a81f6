import { getAtPath, isRecord } from './FieldPath';
import { KustomizeLayout, PatchEntry } from './KustomizeLayout';
import {
  applyJsonPatch,
  isBuiltInKind,
  jsonMergePatch,
  strategicMerge,
} from './overlayMerge';
import { parseYamlValue } from './parseYamlDocuments';

/**
 * Juanie's own model of what Kustomize builds from an environment path: every resource document
 * with the root kustomization's patches applied in Kustomize's order. The editor plans a change
 * against this (so a change never drops what an overlay sets), and the validator checks it.
 */

/** The current documents of a file (the workspace's while an edit runs). */
export type DocumentReader = (file: string) => readonly unknown[];

/** One patch document of the environment kustomization that applies to an object. */
export interface PatchSlot {
  entry: PatchEntry;
  document: number;
  type: 'strategic' | 'json6902';
  value: unknown;
}

/** An object as Kustomize builds it, with where its base document is. */
export interface BuiltObject {
  file: string;
  document: number;
  value: Record<string, unknown>;
  /** Whether any patch applies to it (else `value` is its document as written). */
  patched: boolean;
}

const nameOf = (value: Record<string, unknown>) =>
  isRecord(value.metadata) ? value.metadata.name : undefined;

/** The text of an inline patch, parsed; undefined when it is not YAML text. */
function inlinePatch(
  layout: KustomizeLayout,
  read: DocumentReader,
  entry: PatchEntry,
): unknown {
  const text = getAtPath(read(layout.kustomization!)[0], entry.inline!);
  return typeof text === 'string'
    ? parseYamlValue(layout.kustomization!, text)
    : undefined;
}

/** Patch documents that apply to `kind/name`, in the order Kustomize applies them. */
export function patchSlotsFor(
  layout: KustomizeLayout,
  read: DocumentReader,
  kind: string,
  name: string,
  entries: PatchEntry[] = layout.patches,
): PatchSlot[] {
  const slots: PatchSlot[] = [];
  for (const entry of entries) {
    // Patches chosen by label or annotation selectors are never edited by Juanie.
    if (entry.target?.bySelector) continue;
    const documents = entry.file
      ? read(entry.file)
      : [inlinePatch(layout, read, entry)];
    documents.forEach((value, document) => {
      if (Array.isArray(value)) {
        if (entry.target?.kind === kind && entry.target.name === name)
          slots.push({ entry, document, type: 'json6902', value });
        return;
      }
      if (!isRecord(value)) return;
      const targetKind = entry.target?.kind ?? value.kind;
      const targetName = entry.target?.name ?? nameOf(value);
      if (targetKind === kind && targetName === name)
        slots.push({ entry, document, type: 'strategic', value });
    });
  }
  return slots;
}

/** An object with patches applied: strategic merge for Kubernetes' kinds, JSON merge otherwise. */
export function applyPatches(
  base: Record<string, unknown>,
  slots: PatchSlot[],
): Record<string, unknown> {
  let value: unknown = base;
  for (const slot of slots) {
    if (slot.type === 'json6902')
      value = applyJsonPatch(value, slot.value as unknown[]);
    else if (isBuiltInKind(base.apiVersion))
      value = strategicMerge(value, slot.value);
    else value = jsonMergePatch(value, withoutIdentity(slot.value));
  }
  return isRecord(value) ? value : base;
}

// A JSON merge patch document names its target by apiVersion, kind and name; they match already.
function withoutIdentity(patch: unknown): unknown {
  if (!isRecord(patch)) return patch;
  const { apiVersion: _a, kind: _k, ...rest } = patch;
  return rest;
}

/** Every resource of the environment path as Kustomize builds it (remote bases excepted). */
export function buildObjects(
  layout: KustomizeLayout,
  read: DocumentReader,
): BuiltObject[] {
  const built: BuiltObject[] = [];
  for (const file of [...layout.resourceFiles].sort()) {
    read(file).forEach((value, document) => {
      if (!isRecord(value) || typeof value.kind !== 'string') return;
      const name = nameOf(value);
      const slots =
        typeof name === 'string'
          ? patchSlotsFor(layout, read, value.kind, name)
          : [];
      built.push({
        file,
        document,
        value: applyPatches(value, slots),
        patched: slots.length > 0,
      });
    });
  }
  return built;
}
