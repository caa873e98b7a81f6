import { GitRepositoryObject, KustomizationObject } from '../fluxObjects';

/** A Deployment manifest that builds. */
export function deploymentYaml(image: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  template:
    spec:
      containers:
        - name: shop
          image: ${image}
`;
}

/** The GitOps repository of the tests: one environment path built by a kustomization. */
export const STAGING_FILES = {
  'apps/shop/staging/kustomization.yaml':
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n',
  'apps/shop/staging/deployment.yaml': deploymentYaml('shop:1.0.0'),
};

export function gitRepository(url: string): GitRepositoryObject {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: 'shop', namespace: 'flux-system' },
    spec: { url, interval: '1m', ref: { branch: 'main' } },
  };
}

export function stagingKustomization(): KustomizationObject {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: {
      name: 'shop-staging',
      namespace: 'flux-system',
      labels: { 'juanie.io/environment': 'acme.shop.staging' },
    },
    spec: {
      interval: '5m',
      path: './apps/shop/staging',
      sourceRef: { kind: 'GitRepository', name: 'shop' },
      // A platform Kustomization in flux-system: it acts as kustomize-controller, as
      // flux2-multi-tenancy patches the flux-system Kustomization (tenants' act as theirs).
      serviceAccountName: 'kustomize-controller',
    },
  };
}
