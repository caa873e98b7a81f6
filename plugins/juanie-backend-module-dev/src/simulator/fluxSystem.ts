import { KubeObject } from './ObjectStore';

const FLUX_NAMESPACE = 'flux-system';
const FLUX_VERSION = 'v2.6.0';
const partOfFlux = {
  'app.kubernetes.io/part-of': 'flux',
  'app.kubernetes.io/instance': FLUX_NAMESPACE,
  'app.kubernetes.io/version': FLUX_VERSION,
};

/** The controllers `flux install` deploys. */
export const FLUX_CONTROLLERS = [
  'source-controller',
  'kustomize-controller',
  'helm-controller',
  'notification-controller',
];

/** The Flux CRDs Juanie needs, with the versions Flux 2.6 serves (storage version first). */
const FLUX_CRDS = [
  {
    group: 'source.toolkit.fluxcd.io',
    kind: 'GitRepository',
    plural: 'gitrepositories',
    versions: ['v1', 'v1beta2'],
  },
  {
    group: 'source.toolkit.fluxcd.io',
    kind: 'OCIRepository',
    plural: 'ocirepositories',
    versions: ['v1', 'v1beta2'],
  },
  {
    group: 'kustomize.toolkit.fluxcd.io',
    kind: 'Kustomization',
    plural: 'kustomizations',
    versions: ['v1', 'v1beta2'],
  },
  {
    group: 'helm.toolkit.fluxcd.io',
    kind: 'HelmRelease',
    plural: 'helmreleases',
    versions: ['v2', 'v2beta2'],
  },
];

function controllerDeployment(name: string): KubeObject {
  const selector = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: FLUX_NAMESPACE,
      labels: { ...partOfFlux, 'app.kubernetes.io/component': name },
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: selector },
        spec: {
          containers: [
            { name: 'manager', image: `ghcr.io/fluxcd/${name}:simulated` },
          ],
        },
      },
    },
    status: {
      observedGeneration: 1,
      replicas: 1,
      updatedReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${name}" has successfully progressed.`,
        },
      ],
    },
  };
}

function customResourceDefinition(crd: (typeof FLUX_CRDS)[number]): KubeObject {
  const singular = crd.kind.toLowerCase();
  const names = {
    kind: crd.kind,
    listKind: `${crd.kind}List`,
    plural: crd.plural,
    singular,
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${crd.plural}.${crd.group}`, labels: partOfFlux },
    spec: {
      group: crd.group,
      names,
      scope: 'Namespaced',
      versions: crd.versions.map((name, index) => ({
        name,
        served: true,
        storage: index === 0,
        subresources: { status: {} },
      })),
    },
    status: {
      acceptedNames: names,
      storedVersions: [crd.versions[0]],
      conditions: [
        {
          type: 'NamesAccepted',
          status: 'True',
          reason: 'NoConflicts',
          message: 'no conflicts found',
        },
        {
          type: 'Established',
          status: 'True',
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
        },
      ],
    },
  };
}

/** What `flux install` leaves in a cluster, as Juanie's Flux health check reads it. */
export function fluxSystemObjects(): KubeObject[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: FLUX_NAMESPACE, labels: partOfFlux },
    },
    ...FLUX_CONTROLLERS.map(controllerDeployment),
    ...FLUX_CRDS.map(customResourceDefinition),
  ];
}
