import {
  deploymentPreviewSchema,
  DeploymentPreviewRequest,
  DeploymentRequest,
} from '@juanie/plugin-juanie-common';

/** One environment variable to set. */
export interface EnvVarRow {
  name: string;
  value: string;
}

/** The deploy dialog's fields, as the inputs hold them. */
export interface DeployFormValues {
  imageName: string;
  imageTag: string;
  imageDigest: string;
  replicas: string;
  envSet: EnvVarRow[];
  /** Names of variables to remove, separated by commas or spaces. */
  envRemove: string;
  requestsCpu: string;
  requestsMemory: string;
  limitsCpu: string;
  limitsMemory: string;
  /** For a HelmRelease: where its chart reads replicas, the image and its digest. */
  valuesReplicas: string;
  valuesImage: string;
  valuesDigest: string;
  workload: string;
  message: string;
}

/** A form that changes nothing yet. */
export const emptyDeployForm: DeployFormValues = {
  imageName: '',
  imageTag: '',
  imageDigest: '',
  replicas: '',
  envSet: [],
  envRemove: '',
  requestsCpu: '',
  requestsMemory: '',
  limitsCpu: '',
  limitsMemory: '',
  valuesReplicas: '',
  valuesImage: '',
  valuesDigest: '',
  workload: '',
  message: '',
};

const text = (value: string) => value.trim() || undefined;

/** The object without its undefined fields, or undefined when none is left. */
function someOf<T extends object>(value: T): T | undefined {
  const defined = Object.entries(value).filter(([, v]) => v !== undefined);
  return defined.length ? (Object.fromEntries(defined) as T) : undefined;
}

function envChange(values: DeployFormValues) {
  const rows = values.envSet.filter(row => row.name.trim() || row.value);
  const remove = values.envRemove.split(/[\s,]+/).filter(Boolean);
  return someOf({
    set: rows.length
      ? Object.fromEntries(rows.map(row => [row.name.trim(), row.value]))
      : undefined,
    remove: remove.length ? remove : undefined,
  });
}

function resourcesChange(values: DeployFormValues) {
  return someOf({
    requests: someOf({
      cpu: text(values.requestsCpu),
      memory: text(values.requestsMemory),
    }),
    limits: someOf({
      cpu: text(values.limitsCpu),
      memory: text(values.limitsMemory),
    }),
  });
}

/**
 * The body of `POST .../deployments`: blank fields are left out, so that only
 * what the user typed changes. A replica count that is not a number stays NaN
 * for the schema to refuse.
 */
export function toDeploymentRequest(
  values: DeployFormValues,
  baseRevision?: string,
): DeploymentRequest {
  const replicas = text(values.replicas);
  return {
    changes:
      someOf({
        image: someOf({
          name: text(values.imageName),
          tag: text(values.imageTag),
          digest: text(values.imageDigest),
        }),
        replicas: replicas === undefined ? undefined : Number(replicas),
        env: envChange(values),
        resources: resourcesChange(values),
        valuesPaths: someOf({
          replicas: text(values.valuesReplicas),
          image: text(values.valuesImage),
          digest: text(values.valuesDigest),
        }),
      }) ?? {},
    workload: text(values.workload),
    message: text(values.message),
    baseRevision,
  };
}

/** What to preview for the form, or why there is nothing to preview yet. */
export function toPreviewRequest(
  values: DeployFormValues,
): { request: DeploymentPreviewRequest } | { problem: string } {
  // The message does not change the files: typing it need not preview again.
  const { changes, workload } = toDeploymentRequest(values);
  const request = { changes, workload };
  const parsed = deploymentPreviewSchema.safeParse(request);
  if (parsed.success) return { request };
  const issue = parsed.error.issues[0];
  const where = issue.path
    .map(String)
    .join('.')
    .replace(/^changes\.?/, '');
  return {
    problem:
      Object.keys(changes).length === 0
        ? 'Change the image, replicas, variables or resources to see what the deployment would do.'
        : `Fix the form to see a preview: ${where ? `${where}: ` : ''}${
            issue.message
          }`,
  };
}
