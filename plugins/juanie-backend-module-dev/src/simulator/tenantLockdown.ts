import { BuiltObject } from './kustomizeBuild';
import { KubeApiServer } from './KubeApiServer';
import { KubeObject } from './ObjectStore';
import { Failure } from './kustomizationStatus';

/**
 * The simulated cluster is locked down the way fluxcd/flux2-multi-tenancy configures Flux:
 * kustomize-controller and helm-controller run with `--no-cross-namespace-refs=true` and
 * `--default-service-account=default`, so every Kustomization and HelmRelease acts as a service
 * account of its own namespace (`default` when it names none), which may do only what its
 * RoleBindings allow. Only the platform's objects in flux-system name the controllers' own
 * accounts, which are cluster-admin.
 */
export const DEFAULT_SERVICE_ACCOUNT = 'default';

const PLATFORM_NAMESPACE = 'flux-system';
const CLUSTER_ADMIN_ACCOUNTS = ['kustomize-controller', 'helm-controller'];

/** Kinds that live at the cluster scope: no RoleBinding reaches them. */
const CLUSTER_SCOPED_KINDS = new Set([
  'APIService',
  'ClusterRole',
  'ClusterRoleBinding',
  'CSIDriver',
  'CustomResourceDefinition',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
]);

interface RoleBinding extends KubeObject {
  subjects?: Array<{ kind?: string; name?: string; namespace?: string }>;
}

/** The account an object impersonates: `spec.serviceAccountName`, else the default one. */
export function accountOf(object: KubeObject): string {
  const spec = object.spec as { serviceAccountName?: string } | undefined;
  return spec?.serviceAccountName || DEFAULT_SERVICE_ACCOUNT;
}

/** Where a service account may write: everywhere (cluster-admin), or these namespaces. */
export function reachOf(
  server: KubeApiServer,
  namespace: string,
  account: string,
): 'cluster' | Set<string> {
  if (
    namespace === PLATFORM_NAMESPACE &&
    CLUSTER_ADMIN_ACCOUNTS.includes(account)
  )
    return 'cluster';
  const bindings = server.list(
    'rbac.authorization.k8s.io/v1',
    'RoleBinding',
  ) as RoleBinding[];
  const bound = bindings.filter(binding =>
    (binding.subjects ?? []).some(
      subject =>
        subject.kind === 'ServiceAccount' &&
        subject.name === account &&
        (subject.namespace ?? binding.metadata.namespace) === namespace,
    ),
  );
  return new Set(bound.map(binding => binding.metadata.namespace ?? ''));
}

/** `deployments.apps`, as the API server names a resource in errors. */
function resourceOf(apiVersion: string, kind: string) {
  const lower = kind.toLowerCase();
  let plural = `${lower}s`;
  if (/(s|x|ch|sh)$/.test(lower)) plural = `${lower}es`;
  else if (/[^aeiou]y$/.test(lower)) plural = `${lower.slice(0, -1)}ies`;
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return { group, resource: group ? `${plural}.${group}` : plural, plural };
}

/**
 * The first object the account may not write, as kustomize-controller reports it (its
 * server-side apply dry run is refused): a cluster-scoped object, or one in a namespace none
 * of the account's RoleBindings covers.
 */
export function forbiddenObject(
  reach: 'cluster' | Set<string>,
  user: { namespace: string; account: string },
  objects: Array<BuiltObject & { namespace: string }>,
): Failure | undefined {
  if (reach === 'cluster') return undefined;
  const who = `system:serviceaccount:${user.namespace}:${user.account}`;
  for (const object of objects) {
    const { group, resource, plural } = resourceOf(
      object.apiVersion,
      object.kind,
    );
    const clusterScoped = CLUSTER_SCOPED_KINDS.has(object.kind);
    if (!clusterScoped && reach.has(object.namespace)) continue;
    const where = clusterScoped
      ? 'at the cluster scope'
      : `in the namespace "${object.namespace}"`;
    const id = clusterScoped
      ? `${object.kind}/${object.name}`
      : `${object.kind}/${object.namespace}/${object.name}`;
    return {
      reason: 'ReconciliationFailed',
      message: `${id} dry-run failed (Forbidden): ${resource} "${object.name}" is forbidden: User "${who}" cannot patch resource "${plural}" in API group "${group}" ${where}`,
    };
  }
  return undefined;
}

/** A source in another namespace, refused as with `--no-cross-namespace-refs=true`. */
export function crossNamespaceRef(
  object: KubeObject,
  sourceRef: { kind?: string; name?: string; namespace?: string } | undefined,
): Failure | undefined {
  const namespace = object.metadata.namespace;
  if (!sourceRef?.namespace || sourceRef.namespace === namespace)
    return undefined;
  return {
    reason: 'AccessDenied',
    message: `cannot access ${sourceRef.kind}/${sourceRef.namespace}/${sourceRef.name}: cross-namespace references have been blocked`,
  };
}
