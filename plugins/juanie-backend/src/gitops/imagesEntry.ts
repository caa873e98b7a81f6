import { FieldPath, getAtPath, indexOfSegment } from '@juanie/plugin-juanie-node';
import { applyImageChange, ImageReference } from './ImageReference';
import { ImageChange } from './ManifestChange';
import { ManifestWorkspace } from './ManifestWorkspace';

const entryPath = (name: string): FieldPath => [
  'images',
  { key: 'name', value: name },
];

/** Whether the kustomization has an `images:` entry for an image name. */
export function hasImagesEntry(
  workspace: ManifestWorkspace,
  kustomization: string,
  name: string,
): boolean {
  const images = getAtPath(workspace.documents(kustomization)[0], ['images']);
  return (
    Array.isArray(images) && indexOfSegment(images, entryPath(name)[1]) >= 0
  );
}

/**
 * Changes the image Kustomize substitutes for `current.name` through the kustomization's
 * `images:` entry, editing the entry there is or adding one.
 */
export function writeImagesEntry(
  workspace: ManifestWorkspace,
  kustomization: string,
  current: ImageReference,
  change: ImageChange,
): void {
  const entry = entryPath(current.name);
  const edits = workspace.edit(kustomization, 0);
  if (hasImagesEntry(workspace, kustomization, current.name)) {
    if (change.name) edits.set([...entry, 'newName'], change.name);
    if (change.tag) edits.set([...entry, 'newTag'], change.tag);
    if (change.digest) edits.set([...entry, 'digest'], change.digest);
    if (change.tag && !change.digest) edits.delete([...entry, 'digest']);
    if (change.digest && !change.tag) edits.delete([...entry, 'newTag']);
    return;
  }
  const next = applyImageChange(current, change);
  edits.set(entry, {
    name: current.name,
    ...(next.name !== current.name ? { newName: next.name } : {}),
    ...(next.tag ? { newTag: next.tag } : {}),
    ...(next.digest ? { digest: next.digest } : {}),
  });
}
