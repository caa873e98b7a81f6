import { ENVIRONMENT_LABEL, environmentLabelValue } from '@juanie/plugin-juanie-common';
import { KubernetesObject } from '@kubernetes/client-node';
import { EnvironmentInContext } from './GitOpsStatusService';

/** The namespace Juanie puts the Flux objects it manages in. */
export const FLUX_NAMESPACE = 'flux-system';

/**
 * The GitRepository and Kustomization that make Flux apply an environment's path, as Juanie
 * generates them (applied with server-side apply, field manager `juanie`). Labelled with the
 * environment, so the watchers tie their status back to it.
 */
export function fluxObjectsFor({ org, project, env }: EnvironmentInContext, repositoryUrl: string): KubernetesObject[] {
  if (!env.gitops) return [];
  const name = `${org.slug}-${project.slug}-${env.slug}`.slice(0, 253);
  const metadata = {
    name,
    namespace: FLUX_NAMESPACE,
    labels: {
      [ENVIRONMENT_LABEL]: environmentLabelValue(org.slug, project.slug, env.slug),
      'app.kubernetes.io/managed-by': 'juanie',
    },
  };
  return [
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
        sourceRef: { kind: 'GitRepository', name },
        path: `./${env.gitops.path}`,
        prune: true,
        ...(env.namespace ? { targetNamespace: env.namespace } : {}),
      },
    } as KubernetesObject,
  ];
}
