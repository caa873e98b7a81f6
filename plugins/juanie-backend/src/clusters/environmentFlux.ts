import { ConflictError, InputError } from '@backstage/errors';
import { KubernetesObject } from '@kubernetes/client-node';
import { TenantFluxObject } from '@juanie/plugin-juanie-common';
import { ClusterClient } from './ClusterClients';
import { ClusterTenancy } from './clusterTenancy';
import { fluxObjectsFor, isOwnedBy, MANAGED_BY_LABEL } from './fluxObjectsFor';
import { EnvironmentInContext } from './GitOpsStatusService';

/** Refuses (409) when one of the objects exists and Juanie did not create it for this environment. */
async function refuseForeignObjects(client: ClusterClient, context: EnvironmentInContext, objects: KubernetesObject[]) {
  for (const object of objects) {
    const existing = await client.read(object);
    if (existing && !isOwnedBy(existing, context.env)) {
      throw new ConflictError(
        `${object.kind} ${object.metadata?.namespace}/${object.metadata?.name} already exists in cluster ${client.settings.name} and was not created by Juanie for environment ${context.env.slug}; Juanie does not take it over`,
      );
    }
  }
}

/**
 * The environment's Flux objects (clusters/fluxObjectsFor.ts), once its placement is checked
 * against the platform's tenancy again (the configuration may have changed since it was set).
 */
export function environmentFluxObjects(
  tenancy: ClusterTenancy,
  client: ClusterClient,
  context: EnvironmentInContext,
  repositoryUrl: string,
): TenantFluxObject[] {
  const { org, env } = context;
  if (!env.namespace) {
    throw new InputError(`Environment ${env.slug} has no namespace: Juanie puts its Flux objects there, so set one first`);
  }
  tenancy.checkPlacement(org.slug, { cluster: client.settings.name, namespace: env.namespace });
  return fluxObjectsFor(context, repositoryUrl, client.settings.tenantRole);
}

/**
 * Creates or updates the environment's Flux objects: never an object someone else created
 * (409), and the namespace too when it does not exist yet (a namespace that exists is the
 * platform's, granted by the tenancy configuration, and left as it is).
 */
export async function applyEnvironmentFlux(
  tenancy: ClusterTenancy,
  client: ClusterClient,
  context: EnvironmentInContext,
  repositoryUrl: string,
): Promise<TenantFluxObject[]> {
  const objects = environmentFluxObjects(tenancy, client, context, repositoryUrl);
  await refuseForeignObjects(client, context, objects);
  const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: context.env.namespace! } };
  if (!(await client.read(namespace))) {
    await client.apply([{ ...namespace, metadata: { ...namespace.metadata, labels: { [MANAGED_BY_LABEL]: 'juanie' } } }]);
  }
  await client.apply(objects);
  return objects;
}

/**
 * Deletes the environment's Kustomization and GitRepository (the Kustomization prunes what it
 * applied). The ServiceAccount and RoleBinding stay: kustomize-controller impersonates the
 * account to prune, and they reach nothing beyond the namespace. Objects that are not Juanie's
 * for this environment are refused (409), absent ones skipped.
 */
export async function deleteEnvironmentFlux(
  client: ClusterClient,
  context: EnvironmentInContext,
  repositoryUrl: string,
): Promise<TenantFluxObject[]> {
  // No placement check: taking down what Juanie created is fine wherever it is.
  const objects = fluxObjectsFor(context, repositoryUrl, client.settings.tenantRole).filter(o =>
    ['Kustomization', 'GitRepository'].includes(o.kind ?? ''),
  );
  await refuseForeignObjects(client, context, objects);
  await client.delete(objects);
  return objects;
}
