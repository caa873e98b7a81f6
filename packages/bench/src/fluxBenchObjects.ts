import { ENVIRONMENT_LABEL, environmentLabelValue } from '@juanie/plugin-juanie-common';
import { createHash } from 'node:crypto';
import type { Condition, GitRepositoryObject, KustomizationObject } from '@juanie/plugin-juanie-backend-module-dev';

/** The label Backstage's kubernetes backend selects on for an entity with `backstage.io/kubernetes-id`. */
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

export const GIT_REPOSITORY = { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository' } as const;
export const KUSTOMIZATION = { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization' } as const;

/** A Flux git revision of a made-up commit. */
export const revisionOf = (seed: string) => `main@sha1:${createHash('sha1').update(seed).digest('hex')}`;

export function readyCondition(reason: string, message: string, at = new Date()): Condition {
  return { type: 'Ready', status: 'True', reason, message, lastTransitionTime: at.toISOString(), observedGeneration: 1 };
}

/** A GitRepository and the Kustomization that applies a path of it, both Ready at one revision. */
export function fluxPair(options: {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  url: string;
  path: string;
}): [GitRepositoryObject, KustomizationObject] {
  const { namespace, name, labels, url, path } = options;
  const revision = revisionOf(`${namespace}/${name}`);
  const metadata = { name, namespace, labels };
  return [
    {
      ...GIT_REPOSITORY,
      metadata,
      spec: { url, ref: { branch: 'main' }, interval: '1m' },
      status: {
        observedGeneration: 1,
        conditions: [readyCondition('Succeeded', `stored artifact for revision '${revision}'`)],
        artifact: {
          revision,
          path: `gitrepository/${namespace}/${name}/${revision.slice(-40)}.tar.gz`,
          url: `http://source-controller.flux-system.svc.cluster.local./gitrepository/${namespace}/${name}/latest.tar.gz`,
          lastUpdateTime: new Date().toISOString(),
        },
      },
    },
    {
      ...KUSTOMIZATION,
      metadata,
      spec: { interval: '5m', path, sourceRef: { kind: 'GitRepository', name } },
      status: {
        observedGeneration: 1,
        conditions: [readyCondition('ReconciliationSucceeded', `Applied revision: ${revision}`)],
        lastAppliedRevision: revision,
        lastAttemptedRevision: revision,
      },
    },
  ];
}

/** The name Juanie gives an environment's GitRepository and Kustomization (`fluxObjectsFor`). */
export const fluxNameOf = (org: string, project: string, env: string) => `${org}-${project}-${env}`;

/**
 * `total` Flux objects, half GitRepositories and half Kustomizations: one pair per environment of
 * the project (in the environment's namespace `<project>-<env>`, where Juanie looks for them,
 * labelled as Juanie labels them, plus the Backstage kubernetes-id label), the rest other teams'
 * pairs spread over `namespaces` namespaces.
 */
export function benchFluxObjects(options: {
  total: number;
  namespaces: number;
  org: string;
  project: string;
  environments: string[];
}): Array<GitRepositoryObject | KustomizationObject> {
  const { org, project, environments } = options;
  const projectPairs = environments.map(env =>
    fluxPair({
      namespace: `${project}-${env}`,
      name: fluxNameOf(org, project, env),
      labels: {
        [ENVIRONMENT_LABEL]: environmentLabelValue(org, project, env),
        'app.kubernetes.io/managed-by': 'juanie',
        [KUBERNETES_ID_LABEL]: project,
      },
      url: `https://git.example.com/${org}/${project}-gitops.git`,
      path: `./apps/${project}/${env}`,
    }),
  );
  const others = Array.from({ length: options.total / 2 - environments.length }, (_, i) => {
    const name = `app-${String(i).padStart(4, '0')}`;
    return fluxPair({
      namespace: `team-${String(i % options.namespaces).padStart(2, '0')}`,
      name,
      labels: { 'app.kubernetes.io/name': name, [KUBERNETES_ID_LABEL]: name },
      url: `https://git.example.com/teams/${name}.git`,
      path: `./deploy/${name}`,
    });
  });
  return [...projectPairs, ...others].flat();
}
