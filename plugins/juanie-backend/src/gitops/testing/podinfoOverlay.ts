import { posix } from 'node:path';

/**
 * The layout of fluxcd/flux2-kustomize-helm-example (written for Juanie's tests, not copied): a
 * podinfo HelmRelease base and a staging overlay whose patch file holds only values.
 */

const RELEASE = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: podinfo
  namespace: podinfo
spec:
  releaseName: podinfo
  chart:
    spec:
      chart: podinfo
      sourceRef:
        kind: HelmRepository
        name: podinfo
  interval: 50m
  install:
    remediation:
      retries: 3
  # Default values
  # https://github.com/stefanprodan/podinfo/blob/master/charts/podinfo/values.yaml
  values:
    redis:
      enabled: true
      repository: public.ecr.aws/docker/library/redis
      tag: 7.0.6
    ingress:
      enabled: true
      className: nginx
`;

/** The overlay's files keyed relative to it (the base as `../` keys), with its values patch. */
export const helmOverlay = (valuesPatch: string) => ({
  'kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: podinfo
resources:
  - ../base/podinfo
patches:
  - path: podinfo-values.yaml
    target:
      kind: HelmRelease
`,
  'podinfo-values.yaml': valuesPatch,
  '../base/podinfo/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: podinfo
resources:
  - namespace.yaml
  - repository.yaml
  - release.yaml
`,
  '../base/podinfo/namespace.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: podinfo
`,
  '../base/podinfo/repository.yaml': `apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata:
  name: podinfo
  namespace: podinfo
spec:
  interval: 5m
  url: https://stefanprodan.github.io/podinfo
`,
  '../base/podinfo/release.yaml': RELEASE,
});

/** The staging values patch: a partial HelmRelease with `replicaCount` and its comment. */
export const VALUES_PATCH = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: podinfo
  namespace: podinfo
spec:
  chart:
    spec:
      version: ">=1.0.0-alpha"
  test:
    enable: true
  values:
    replicaCount: 2   # two for staging
    ingress:
      hosts:
        - host: podinfo.staging
`;

/** The same layout as repository files, the overlay at `apps/staging`. */
export const helmOverlayRepository = (valuesPatch: string) =>
  Object.fromEntries(
    Object.entries(helmOverlay(valuesPatch)).map(([file, text]) => [
      posix.join('apps/staging', file),
      text,
    ]),
  );
