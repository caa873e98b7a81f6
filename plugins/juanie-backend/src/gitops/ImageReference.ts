import { ImageChange } from './ManifestChange';

/** A container image reference split into repository, tag and digest. */
export interface ImageReference {
  name: string;
  tag?: string;
  digest?: string;
}

/** Splits `registry:5000/team/app:1.2@sha256:…`; a colon before the last slash is a port. */
export function parseImageReference(image: string): ImageReference {
  const at = image.indexOf('@');
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const colon = withoutDigest.lastIndexOf(':');
  if (colon > withoutDigest.lastIndexOf('/')) {
    return {
      name: withoutDigest.slice(0, colon),
      tag: withoutDigest.slice(colon + 1),
      digest,
    };
  }
  return { name: withoutDigest, digest };
}

export function formatImageReference(ref: ImageReference): string {
  return `${ref.name}${ref.tag ? `:${ref.tag}` : ''}${
    ref.digest ? `@${ref.digest}` : ''
  }`;
}

/**
 * The reference after a change. A new tag drops an old digest (which would otherwise keep the
 * old image running) and a new digest alone drops the tag (which would no longer describe it).
 */
export function applyImageChange(
  current: ImageReference,
  change: ImageChange,
): ImageReference {
  const name = change.name ?? current.name;
  if (change.tag && change.digest)
    return { name, tag: change.tag, digest: change.digest };
  if (change.tag) return { name, tag: change.tag };
  if (change.digest) return { name, digest: change.digest };
  return { name, tag: current.tag, digest: current.digest };
}
