import { InputError } from '@backstage/errors';
import { FieldPath, getAtPath, isRecord } from '@juanie/plugin-juanie-node';
import { helmReleaseEdits } from './helmReleaseEdits';
import { ImageReference, parseImageReference } from './ImageReference';
import { ImageChange, ManifestChange } from './ManifestChange';
import { envEdits, mergePatchEdits, resourceEdits } from './valueEdits';

export const WORKLOAD_KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'HelmRelease',
] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** A workload document found in an environment's files. */
export interface Workload {
  kind: WorkloadKind;
  name: string;
  file: string;
  document: number;
  value: Record<string, unknown>;
}

/** One field edit on a workload, before it is decided which file receives it. */
export type WorkloadEdit =
  | { op: 'set'; path: FieldPath; value: unknown }
  | { op: 'delete'; path: FieldPath }
  /** A container image: may land in a Kustomize `images:` entry rather than the manifest. */
  | {
      op: 'image';
      path: FieldPath;
      current: ImageReference;
      change: ImageChange;
    };

const CONTAINERS: FieldPath = ['spec', 'template', 'spec', 'containers'];

interface Container {
  name: string;
  image?: string;
  env?: unknown;
}

const describe = (w: Workload) => `${w.kind}/${w.name}`;

function pickContainer(
  workload: Workload,
  requested?: string,
  imageHint?: string,
): Container {
  const list = getAtPath(workload.value, CONTAINERS);
  const containers = (Array.isArray(list) ? list : []).filter(
    (c): c is Container => isRecord(c) && typeof c.name === 'string',
  );
  const names = containers.map(c => c.name).join(', ') || 'none';
  if (requested) {
    const found = containers.find(c => c.name === requested);
    if (!found)
      throw new InputError(
        `${describe(
          workload,
        )} has no container "${requested}"; its containers are: ${names}`,
      );
    return found;
  }
  if (containers.length === 1) return containers[0];
  const byImage = containers.filter(
    c =>
      imageHint &&
      typeof c.image === 'string' &&
      parseImageReference(c.image).name === imageHint,
  );
  if (byImage.length === 1) return byImage[0];
  if (containers.length === 0)
    throw new InputError(`${describe(workload)} has no containers`);
  throw new InputError(
    `${describe(workload)} has ${
      containers.length
    } containers (${names}); say which one with "container"`,
  );
}

function containerPath(container: Container, ...rest: FieldPath): FieldPath {
  return [...CONTAINERS, { key: 'name', value: container.name }, ...rest];
}

/**
 * The field edits a change makes on a workload, resolving containers against `workload.value`:
 * the workload as the overlay builds it, so that a merge patch keeps what the overlay sets.
 * What a reviewer should know about the choices made (a values path) is added to `notes`.
 */
export function planWorkloadEdits(
  workload: Workload,
  change: ManifestChange,
  notes: string[] = [],
): WorkloadEdit[] {
  const edits: WorkloadEdit[] = [];
  if (workload.kind === 'HelmRelease') {
    edits.push(...helmReleaseEdits(workload, change, notes));
  } else {
    if (change.image) {
      const container = pickContainer(
        workload,
        change.image.container,
        change.image.name,
      );
      if (typeof container.image !== 'string') {
        throw new InputError(
          `Container ${container.name} of ${describe(workload)} has no image`,
        );
      }
      const current = parseImageReference(container.image);
      edits.push({
        op: 'image',
        path: containerPath(container, 'image'),
        current,
        change: change.image,
      });
    }
    if (change.replicas !== undefined) {
      if (workload.kind === 'DaemonSet')
        throw new InputError(
          `${describe(workload)} runs one pod per node; it has no replicas`,
        );
      edits.push({
        op: 'set',
        path: ['spec', 'replicas'],
        value: change.replicas,
      });
    }
    if (change.env) {
      const container = pickContainer(workload, change.env.container);
      const where = `Container ${container.name} of ${describe(workload)}`;
      edits.push(
        ...envEdits(
          containerPath(container, 'env'),
          container.env,
          change.env,
          where,
        ),
      );
    }
    if (change.resources) {
      const container = pickContainer(workload, change.resources.container);
      edits.push(
        ...resourceEdits(
          containerPath(container, 'resources'),
          change.resources,
        ),
      );
    }
  }
  if (change.patch)
    edits.push(...mergePatchEdits(workload.value, change.patch));
  return edits;
}
