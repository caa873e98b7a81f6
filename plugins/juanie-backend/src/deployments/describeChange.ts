import { ManifestChange } from '@juanie/plugin-juanie-common';

/** A short, readable summary of a change for commit subjects and notifications. */
export function describeChange(change: ManifestChange): string {
  const parts: string[] = [];
  if (change.image) {
    const { name, tag, digest } = change.image;
    const reference = `${name ?? ''}${tag ? `:${tag}` : ''}${digest ? `@${digest.slice(0, 19)}` : ''}`;
    parts.push(`image ${name ? reference : reference.replace(/^[:@]/, '')}`);
  }
  if (change.replicas !== undefined) parts.push(`replicas ${change.replicas}`);
  if (change.env) {
    const set = Object.keys(change.env.set ?? {});
    const removed = change.env.remove ?? [];
    if (set.length) parts.push(`set ${set.join(', ')}`);
    if (removed.length) parts.push(`unset ${removed.join(', ')}`);
  }
  if (change.resources) parts.push('resources');
  if (change.patch) parts.push('patch');
  return parts.join(', ');
}

/** The git identity of a user ref (`user:default/alice` → alice <alice@users.juanie.invalid>). */
export function authorOf(userRef: string): { name: string; email: string } {
  const name = userRef.replace(/^user:(?:default\/)?/, '');
  // `.invalid` is reserved for names that never resolve: Juanie does not know real addresses.
  return { name, email: `${name.replace(/[^A-Za-z0-9._-]/g, '-')}@users.juanie.invalid` };
}
