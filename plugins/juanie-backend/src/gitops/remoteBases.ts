import { InputError } from '@backstage/errors';
import { writeImagesEntry } from './imagesEntry';
import { KustomizeLayout } from '@juanie/plugin-juanie-node';
import { ManifestChange } from './ManifestChange';
import { ManifestWorkspace } from './ManifestWorkspace';

/**
 * A workload that is not in the files Juanie reads comes from a remote base (a git URL or an
 * OCI artifact Flux fetches). Juanie does not read those, but Kustomize's `images:` entry of the
 * environment's own kustomization changes their image, so that is what an image change writes.
 */
export function changeRemoteImage(
  workspace: ManifestWorkspace,
  layout: KustomizeLayout,
  selector: string,
  change: ManifestChange,
): void {
  const remotes = layout.remoteResources.join(', ');
  const { image, ...others } = change;
  const otherChanges = Object.entries(others)
    .filter(([key, value]) => key !== 'valuesPaths' && value !== undefined)
    .map(([key]) => key);
  if (!image || otherChanges.length > 0) {
    throw new InputError(
      `${selector} is not in the environment path's files; it may come from the remote base ${remotes}, ` +
        `which Juanie does not read. Juanie can change its image through the kustomization's images: entry ` +
        `(send an image change with the image's name), but not its ${
          otherChanges.join(', ') || 'other fields'
        }`,
    );
  }
  if (!image.name) {
    throw new InputError(
      `${selector} may come from the remote base ${remotes}; name its image (image.name, e.g. ghcr.io/acme/web) ` +
        `so Juanie can set the kustomization's images: entry for it`,
    );
  }
  writeImagesEntry(
    workspace,
    layout.kustomization!,
    { name: image.name },
    { tag: image.tag, digest: image.digest },
  );
}
