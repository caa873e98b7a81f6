import { z } from 'zod';

/** The ClusterRole an environment's ServiceAccount is bound to when the cluster names none. @public */
export const DEFAULT_TENANT_ROLE = 'admin';

/** A Kubernetes object of an environment's Flux set-up, as written or applied. @public */
export const tenantFluxObjectSchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.object({ name: z.string(), namespace: z.string(), labels: z.record(z.string(), z.string()) }),
});
/** @public */
export type TenantFluxObject = z.infer<typeof tenantFluxObjectSchema>;

/** What an environment's Flux objects are made from. @public */
export interface TenantFluxSetup {
  /** The name of every object. */
  name: string;
  /** The environment's namespace, where all the objects live (never flux-system). */
  namespace: string;
  labels: Record<string, string>;
  /** The GitOps repository as Flux fetches it, its branch and the environment's path in it. */
  repositoryUrl: string;
  branch: string;
  path: string;
  /** The ClusterRole the ServiceAccount is bound to in the namespace ({@link DEFAULT_TENANT_ROLE}). */
  tenantRole: string;
}

/**
 * The objects that make Flux apply an environment's path the way flux2-multi-tenancy does it,
 * all in the environment's namespace (the tenant's; never flux-system): a ServiceAccount, a
 * RoleBinding of it to the `tenantRole` ClusterRole in that namespace only, a GitRepository, and
 * a Kustomization that impersonates the ServiceAccount (`spec.serviceAccountName`), names its
 * source in its own namespace and targets the namespace. One definition for what Juanie applies
 * (the back end's `fluxObjectsFor`) and what the scaffolder writes under `clusters/`
 * (docs/environments-and-flux.md). @public
 */
export function tenantFluxObjects(setup: TenantFluxSetup): TenantFluxObject[] {
  const { name, namespace } = setup;
  const metadata = { name, namespace, labels: setup.labels };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: setup.tenantRole },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    },
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata,
      spec: { interval: '1m', url: setup.repositoryUrl, ref: { branch: setup.branch } },
    },
    {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata,
      spec: {
        interval: '5m',
        serviceAccountName: name,
        sourceRef: { kind: 'GitRepository', name },
        path: `./${setup.path}`,
        prune: true,
        targetNamespace: namespace,
      },
    },
  ];
}
