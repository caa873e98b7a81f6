import { ENVIRONMENT_ID_LABEL, TenantFluxObject, tenantFluxObjects } from '@juanie/plugin-juanie-common';
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
 * The objects that make Flux apply an environment's path (flux2-multi-tenancy, all in its
 * namespace: `tenantFluxObjects` of juanie-common, shared with the scaffolder's layout), named
 * and labelled by the environment's id. Applied with server-side apply, field manager `juanie`
 * (docs/environments-and-flux.md). Empty without a GitOps target or namespace.
 */
export function fluxObjectsFor(
  { env }: EnvironmentInContext,
  repositoryUrl: string,
  tenantRole: string,
): TenantFluxObject[] {
  if (!env.gitops || !env.namespace) return [];
  return tenantFluxObjects({
    name: fluxObjectName(env),
    namespace: env.namespace,
    labels: ownershipLabels(env),
    repositoryUrl,
    branch: env.gitops.branch,
    path: env.gitops.path,
    tenantRole,
  });
}

/** Whether Juanie created the object for this environment: its id label, and field manager `juanie`. */
export function isOwnedBy(object: KubernetesObject, env: { id: string }): boolean {
  const managers = (object.metadata?.managedFields ?? []).map(entry => entry.manager);
  return object.metadata?.labels?.[ENVIRONMENT_ID_LABEL] === env.id && managers.includes(JUANIE_FIELD_MANAGER);
}
