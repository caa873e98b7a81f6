import type { Deployment, ManifestChange } from '@juanie/plugin-juanie-common';

/** An image change as a reference: "ghcr.io/acme/web:1.4.2", or just "1.4.2". */
export function imageReference(image: NonNullable<ManifestChange['image']>) {
  const reference = [
    image.name ?? '',
    image.tag ? `:${image.tag}` : '',
    image.digest ? `@${image.digest.slice(0, 19)}` : '',
  ].join('');
  return reference.replace(/^:/, '');
}

function describeImage(image: NonNullable<ManifestChange['image']>) {
  return `image ${imageReference(image)}`;
}

function describeEnv(env: NonNullable<ManifestChange['env']>) {
  const set = Object.keys(env.set ?? {});
  const remove = env.remove ?? [];
  const parts = [
    set.length ? `set ${set.join(', ')}` : '',
    remove.length ? `remove ${remove.join(', ')}` : '',
  ];
  return `env ${parts.filter(Boolean).join('; ')}`;
}

function describeResources(
  resources: NonNullable<ManifestChange['resources']>,
) {
  const quantities = (kind: string, q?: { cpu?: string; memory?: string }) =>
    [q?.cpu && `cpu ${q.cpu}`, q?.memory && `memory ${q.memory}`]
      .filter(Boolean)
      .map(part => `${kind} ${part}`);
  return `resources ${[
    ...quantities('request', resources.requests),
    ...quantities('limit', resources.limits),
  ].join(', ')}`;
}

/** One line that says what a change does: "image 1.4.2 · replicas 3". */
export function describeChanges(changes: ManifestChange): string {
  const parts = [
    changes.image && describeImage(changes.image),
    changes.replicas !== undefined && `replicas ${changes.replicas}`,
    changes.env && describeEnv(changes.env),
    changes.resources && describeResources(changes.resources),
    changes.patch && 'manifest patch',
  ];
  return parts.filter(Boolean).join(' · ');
}

/** What a deployment does, in one line, whatever brought it about. */
export function describeDeployment(deployment: Deployment): string {
  if (deployment.method === 'rollback' && deployment.rollbackOf) {
    return `rollback of ${deployment.rollbackOf.slice(0, 8)}`;
  }
  if (deployment.changes) return describeChanges(deployment.changes);
  return deployment.method === 'git' ? 'commit made in git' : '—';
}

/** The label and value of who brought a deployment about. */
export interface DeploymentOrigin {
  /** "Requested by", or "Pushed to git by" for a commit made straight on the branch. */
  label: string;
  /** A user entity ref, or the git author as `Name <email>`. */
  who: string;
}

/** Who brought a deployment about: the requester, or the author of a commit pushed to git. */
export function deploymentOrigin(deployment: Deployment): DeploymentOrigin {
  if (deployment.method === 'git') {
    return {
      label: 'Pushed to git by',
      who: deployment.requestedBy.replace(/^git:/, ''),
    };
  }
  return { label: 'Requested by', who: deployment.requestedBy };
}

/** Who brought a deployment about, in one line: "pushed to git by Ann <ann@acme.io>". */
export function describeOrigin(deployment: Deployment): string {
  const { label, who } = deploymentOrigin(deployment);
  return deployment.method === 'git' ? `${label.toLowerCase()} ${who}` : who;
}
