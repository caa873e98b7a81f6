import { InputError } from '@backstage/errors';
import { FieldPath, formatFieldPath, getAtPath, isRecord } from '@juanie/plugin-juanie-node';
import {
  applyImageChange,
  formatImageReference,
  parseImageReference,
} from './ImageReference';
import { ImageChange, ManifestChange } from './ManifestChange';
import { envEdits, resourceEdits } from './valueEdits';
import type { Workload, WorkloadEdit } from './WorkloadEdits';

/**
 * A HelmRelease's values mean what its chart makes of them, and Juanie cannot read the chart.
 * So a change writes only to values the release (with its overlays) already sets, or to the
 * values paths the change names; anything else is refused rather than written to no effect.
 */

const VALUES: FieldPath = ['spec', 'values'];
const describe = (w: Workload) => `${w.kind}/${w.name}`;
const under = (dotted: string): FieldPath => [...VALUES, ...dotted.split('.')];

/** Values keys charts commonly read for the number of replicas, in order of preference. */
const REPLICA_KEYS = ['replicaCount', 'replicas'];

function replicasPath(
  workload: Workload,
  change: ManifestChange,
  notes: string[],
): FieldPath {
  const named = change.valuesPaths?.replicas;
  if (named) {
    notes.push(
      `replicas: wrote spec.values.${named}, the values path the change names`,
    );
    return under(named);
  }
  const key = REPLICA_KEYS.find(
    k => typeof getAtPath(workload.value, [...VALUES, k]) === 'number',
  );
  if (!key) {
    throw new InputError(
      `${describe(
        workload,
      )} sets neither spec.values.replicaCount nor spec.values.replicas, ` +
        `so Juanie cannot tell which value its chart reads for the number of replicas ` +
        `(a DaemonSet chart has none); name it with valuesPaths.replicas, e.g. "controller.replicaCount"`,
    );
  }
  notes.push(
    `replicas: wrote spec.values.${key}, the values key the release already sets`,
  );
  return [...VALUES, key];
}

function helmImageEdits(
  workload: Workload,
  component: FieldPath,
  change: ImageChange,
  valuesPaths: ManifestChange['valuesPaths'],
  notes: string[],
): WorkloadEdit[] {
  const imagePath = valuesPaths?.image
    ? under(valuesPaths.image)
    : [...component, 'image'];
  const where = formatFieldPath(imagePath);
  const image = getAtPath(workload.value, imagePath);
  if (image === undefined) {
    throw new InputError(
      `${describe(
        workload,
      )} has no ${where}; name the chart's image value with valuesPaths.image`,
    );
  }
  if (typeof image === 'string') {
    if (change.digest && valuesPaths?.digest === undefined) {
      notes.push(`image: pinned the digest in ${where} (repository@digest)`);
    }
    const next = formatImageReference(
      applyImageChange(parseImageReference(image), change),
    );
    return [{ op: 'set', path: imagePath, value: next }];
  }
  if (!isRecord(image)) {
    throw new InputError(
      `${describe(workload)} has a ${where} that is neither a map nor a string`,
    );
  }
  const edits: WorkloadEdit[] = [];
  const field = (key: string) => [...imagePath, key];
  if (change.name)
    edits.push({ op: 'set', path: field('repository'), value: change.name });
  if (change.tag)
    edits.push({ op: 'set', path: field('tag'), value: change.tag });
  const digestPath = valuesPaths?.digest
    ? under(valuesPaths.digest)
    : field('digest');
  if (change.digest) {
    if (!valuesPaths?.digest && image.digest === undefined) {
      throw new InputError(
        `${describe(
          workload,
        )}'s ${where} has no digest, so Juanie cannot tell whether its chart ` +
          `reads one; name the chart's digest value with valuesPaths.digest, or change the tag`,
      );
    }
    edits.push({ op: 'set', path: digestPath, value: change.digest });
    notes.push(`image: wrote the digest to ${formatFieldPath(digestPath)}`);
  } else if (
    change.tag &&
    getAtPath(workload.value, digestPath) !== undefined
  ) {
    // A digest pins the image whatever the tag says: a new tag unpins it.
    edits.push({ op: 'delete', path: digestPath });
  }
  return edits;
}

/** The field edits of a change to a HelmRelease, read against its values as built. */
export function helmReleaseEdits(
  workload: Workload,
  change: ManifestChange,
  notes: string[] = [],
): WorkloadEdit[] {
  const component = (container?: string): FieldPath => {
    if (!container) return VALUES;
    if (!isRecord(getAtPath(workload.value, [...VALUES, container]))) {
      throw new InputError(
        `${describe(workload)} has no values section "${container}"`,
      );
    }
    return [...VALUES, container];
  };
  const required = (path: FieldPath) => {
    const value = getAtPath(workload.value, path);
    if (value === undefined) {
      throw new InputError(
        `${describe(workload)} has no ${formatFieldPath(
          path,
        )}, so Juanie cannot tell where its chart reads it; set chart-specific values with "patch"`,
      );
    }
    return value;
  };
  const edits: WorkloadEdit[] = [];
  if (change.image)
    edits.push(
      ...helmImageEdits(
        workload,
        component(change.image.container),
        change.image,
        change.valuesPaths,
        notes,
      ),
    );
  if (change.replicas !== undefined)
    edits.push({
      op: 'set',
      path: replicasPath(workload, change, notes),
      value: change.replicas,
    });
  if (change.env) {
    const envPath = [...component(change.env.container), 'env'];
    edits.push(
      ...envEdits(envPath, required(envPath), change.env, describe(workload)),
    );
  }
  if (change.resources) {
    const resourcesPath = [
      ...component(change.resources.container),
      'resources',
    ];
    required(resourcesPath);
    edits.push(...resourceEdits(resourcesPath, change.resources));
  }
  return edits;
}
