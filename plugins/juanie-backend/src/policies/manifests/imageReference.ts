/** An image reference taken apart: `[registry/]path[:tag][@digest]`. */
export interface ImageReference {
  /** The name without tag and digest, as written (`nginx`, `localhost:5000/app`). */
  repository: string;
  /** The name as the container runtime reads it (`docker.io/library/nginx`). */
  canonicalRepository: string;
  tag: string | null;
  digest: string | null;
}

const DOCKER_HUB = 'docker.io';

/** True when the first segment of a name is a registry host rather than a Docker Hub user. */
const isRegistryHost = (segment: string) =>
  segment.includes('.') || segment.includes(':') || segment === 'localhost';

/** Takes an image reference apart; undefined when it is empty or has spaces. */
export function parseImageReference(reference: string): ImageReference | undefined {
  if (reference.length === 0 || /\s/.test(reference)) return undefined;
  const at = reference.indexOf('@');
  const named = at >= 0 ? reference.slice(0, at) : reference;
  const digest = at >= 0 ? reference.slice(at + 1) : null;
  // A colon after the last slash starts the tag; one before it belongs to a registry port.
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  const repository = hasTag ? named.slice(0, colon) : named;
  const tag = hasTag && colon < named.length - 1 ? named.slice(colon + 1) : null;
  if (repository.length === 0) return undefined;
  return { repository, canonicalRepository: canonicalRepositoryOf(repository), tag, digest };
}

/** `nginx` → `docker.io/library/nginx`, `acme/web` → `docker.io/acme/web`. */
export function canonicalRepositoryOf(repository: string): string {
  const [first, ...rest] = repository.split('/');
  if (rest.length > 0 && isRegistryHost(first)) {
    const host = first === 'index.docker.io' ? DOCKER_HUB : first;
    const path = rest.join('/');
    return host === DOCKER_HUB && rest.length === 1 ? `${host}/library/${path}` : `${host}/${path}`;
  }
  return rest.length === 0 ? `${DOCKER_HUB}/library/${first}` : `${DOCKER_HUB}/${repository}`;
}

/** Writes a reference back: `repository[:tag][@digest]`. */
export function formatImageReference(image: Pick<ImageReference, 'repository' | 'tag' | 'digest'>) {
  return `${image.repository}${image.tag ? `:${image.tag}` : ''}${image.digest ? `@${image.digest}` : ''}`;
}

/** True for a `sha256:` digest of 64 hexadecimal digits. */
export const isSha256Digest = (digest: string | null) =>
  digest !== null && /^sha256:[a-f0-9]{64}$/.test(digest);
