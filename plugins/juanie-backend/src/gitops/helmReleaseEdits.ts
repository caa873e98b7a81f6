import { InputError } from '@backstage/errors';
import { FieldPath, formatFieldPath, getAtPath, isRecord } from './FieldPath';
import {
  applyImageChange,
  formatImageReference,
  parseImageReference,
} from './ImageReference';
import { ImageChange, ManifestChange } from './ManifestChange';
import { envEdits, resourceEdits } from './valueEdits';
import type { Workload, WorkloadEdit } from './WorkloadEdits';

const describe = (w: Workload) => `${w.kind}/${w.name}`;

function helmImageEdits(
  workload: Workload,
  valuesPath: FieldPath,
  change: ImageChange,
): WorkloadEdit[] {
  const imagePath = [...valuesPath, 'image'];
  const image = getAtPath(workload.value, imagePath);
  if (typeof image === 'string') {
    const next = formatImageReference(
      applyImageChange(parseImageReference(image), change),
    );
    return [{ op: 'set', path: imagePath, value: next }];
  }
  if (image !== undefined && !isRecord(image)) {
    throw new InputError(
      `${describe(workload)} has a ${formatFieldPath(
        imagePath,
      )} that is neither a map nor a string`,
    );
  }
  const edits: WorkloadEdit[] = [];
  if (change.name)
    edits.push({
      op: 'set',
      path: [...imagePath, 'repository'],
      value: change.name,
    });
  if (change.tag)
    edits.push({ op: 'set', path: [...imagePath, 'tag'], value: change.tag });
  if (change.digest)
    edits.push({
      op: 'set',
      path: [...imagePath, 'digest'],
      value: change.digest,
    });
  else if (change.tag && image?.digest !== undefined)
    edits.push({ op: 'delete', path: [...imagePath, 'digest'] });
  return edits;
}

export function helmReleaseEdits(
  workload: Workload,
  change: ManifestChange,
): WorkloadEdit[] {
  const values: FieldPath = ['spec', 'values'];
  const component = (container?: string): FieldPath => {
    if (!container) return values;
    if (!isRecord(getAtPath(workload.value, [...values, container]))) {
      throw new InputError(
        `${describe(workload)} has no values section "${container}"`,
      );
    }
    return [...values, container];
  };
  const required = (path: FieldPath) => {
    const value = getAtPath(workload.value, path);
    if (value === undefined) {
      throw new InputError(
        `${describe(workload)} has no ${formatFieldPath(
          path,
        )}; set chart-specific values with "patch"`,
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
      ),
    );
  if (change.replicas !== undefined)
    edits.push({
      op: 'set',
      path: [...values, 'replicaCount'],
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

/** The field edits a change makes on a workload, resolving containers against its manifest. */
