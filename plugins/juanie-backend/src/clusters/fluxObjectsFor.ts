import { ENVIRONMENT_ID_LABEL } from '@juanie/plugin-juanie-common';
import { KubernetesObject } from '@kubernetes/client-node';
import { EnvironmentInContext } from './GitOpsStatusService';

/** The field manager of Juanie's server-side applies. */
export const JUANIE_FIELD_MANAGER = 'juanie';

/** The label every object Juanie creates carries, beside the environment's id. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/**
 * The name of every object Juanie creates for an environment: from its immutable id, so unique
 * by construction (two environments never share one, whatever their slugs).
 */
export function fluxObjectName(env: { id: string }): string {
  return `juanie-${env.id}`;
}

/** The labels of the objects Juanie creates for an environment. */
export function ownershipLabels(env: { id: string }): Record<string, string> {
  return { [ENVIRONMENT_ID_LABEL]: env.id, [MANAGED_BY_LABEL]: 'juanie' };
}

/**
 * The objects that make Flux apply an environment's path the way flux2-multi-tenancy does it,
 * all in the environment's namespace (the tenant's; never flux-system): a ServiceAccount, a
 * RoleBinding of it to the cluster's `tenantRole` ClusterRole in that namespace only, a
 * GitRepository, and a Kustomization that impersonates the ServiceAccount
 * (`spec.serviceAccountName`), names its source in its own namespace and targets the
 * namespace. Applied with server-side apply, field manager `juanie`, labelled with the
 * environment's id (docs/environments-and-flux.md). Empty without a GitOps target or namespace.
 */
export function fluxObjectsFor(
  { env }: EnvironmentInContext,
  repositoryUrl: string,
  tenantRole: string,
): KubernetesObject[] {
  if (!env.gitops || !env.namespace) return [];
  const name = fluxObjectName(env);
  const namespace = env.namespace;
  const metadata = { name, namespace, labels: ownershipLabels(env) };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata } as KubernetesObject,
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: tenantRole },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    } as KubernetesObject,
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata,
      spec: { url: repositoryUrl, ref: { branch: env.gitops.branch }, interval: '1m' },
    } as KubernetesObject,
    {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata,
      spec: {
        interval: '5m',
        serviceAccountName: name,
        sourceRef: { kind: 'GitRepository', name },
        path: `./${env.gitops.path}`,
        prune: true,
        targetNamespace: namespace,
      },
    } as KubernetesObject,
  ];
}

/** Whether Juanie created the object for this environment: its id label, and field manager `juanie`. */
export function isOwnedBy(object: KubernetesObject, env: { id: string }): boolean {
  const managers = (object.metadata?.managedFields ?? []).map(entry => entry.manager);
  return object.metadata?.labels?.[ENVIRONMENT_ID_LABEL] === env.id && managers.includes(JUANIE_FIELD_MANAGER);
}
