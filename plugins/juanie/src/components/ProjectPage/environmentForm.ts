import type {
  CreateEnvironmentRequest,
  Environment,
  EnvironmentKind,
  UpdateEnvironmentRequest,
} from '@juanie/plugin-juanie-common';

/** The environment dialog's fields, as the inputs hold them. */
export interface EnvironmentFormValues {
  slug: string;
  title: string;
  description: string;
  kind: EnvironmentKind;
  order: string;
  cluster: string;
  namespace: string;
  requiredApprovals: string;
  approvers: string;
  allowSelfApproval: boolean;
  expiresAfter: string;
  repositoryId: string;
  branch: string;
  path: string;
}

/** Starting values: the environment being edited, or a suggestion for a new one. */
export function environmentFormValues(
  environment: Environment | undefined,
  suggestion: { kind: EnvironmentKind; order: number },
): EnvironmentFormValues {
  if (!environment) {
    return {
      slug: '',
      title: '',
      description: '',
      kind: suggestion.kind,
      order: String(suggestion.order),
      cluster: '',
      namespace: '',
      requiredApprovals: suggestion.kind === 'production' ? '1' : '0',
      approvers: '',
      allowSelfApproval: false,
      expiresAfter: 'P3D',
      repositoryId: '',
      branch: 'main',
      path: '',
    };
  }
  const { approval, gitops } = environment;
  return {
    slug: environment.slug,
    title: environment.title,
    description: environment.description,
    kind: environment.kind,
    order: String(environment.order),
    cluster: environment.cluster ?? '',
    namespace: environment.namespace ?? '',
    requiredApprovals: String(approval.requiredApprovals),
    approvers: approval.approvers.join(', '),
    allowSelfApproval: approval.allowSelfApproval,
    expiresAfter: approval.expiresAfter,
    repositoryId: gitops?.repositoryId ?? '',
    branch: gitops?.branch ?? 'main',
    path: gitops?.path ?? '',
  };
}

// Blank numbers stay blank strings so that zod says "expected number" instead
// of silently sending 0.
const toNumber = (value: string) =>
  value.trim() === '' ? value : Number(value);

function sharedFields(values: EnvironmentFormValues) {
  return {
    title: values.title,
    description: values.description,
    kind: values.kind,
    approval: {
      requiredApprovals: toNumber(values.requiredApprovals),
      approvers: values.approvers.split(/[\s,]+/).filter(Boolean),
      allowSelfApproval: values.allowSelfApproval,
      expiresAfter: values.expiresAfter.trim(),
    },
  };
}

function gitOpsTarget(values: EnvironmentFormValues) {
  return {
    repositoryId: values.repositoryId,
    branch: values.branch.trim(),
    path: values.path.trim(),
  };
}

/** The body of `POST .../environments`; blank optional fields are left out. */
export function toCreateEnvironmentRequest(
  values: EnvironmentFormValues,
): CreateEnvironmentRequest {
  return {
    slug: values.slug,
    ...sharedFields(values),
    order: values.order.trim() === '' ? undefined : toNumber(values.order),
    cluster: values.cluster.trim() || undefined,
    namespace: values.namespace.trim() || undefined,
    gitops: values.repositoryId ? gitOpsTarget(values) : undefined,
  } as CreateEnvironmentRequest;
}

/** The body of `PATCH .../environments/{env}`; blank fields clear the value. */
export function toUpdateEnvironmentRequest(
  values: EnvironmentFormValues,
): UpdateEnvironmentRequest {
  return {
    ...sharedFields(values),
    order: toNumber(values.order),
    cluster: values.cluster.trim() || null,
    namespace: values.namespace.trim() || null,
    gitops: values.repositoryId ? gitOpsTarget(values) : null,
  } as UpdateEnvironmentRequest;
}
