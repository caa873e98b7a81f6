/**
 * A GitOps repository whose environment path declares a HelmRelease of a chart kept in the
 * same repository (`charts/web`, built at each git revision: `reconcileStrategy: Revision`).
 * The chart's values.schema.json allows at most 3 replicas, so a deployment asking for more
 * is one Helm refuses.
 */
export function helmGitOpsFiles(options: {
  sourceName: string;
  path: string;
  tag?: string;
  /** The release's (and its source's) namespace; none: the Kustomization's target namespace. */
  namespace?: string | null;
  /** The account helm-controller acts as (default: its own, for a platform release in flux-system). */
  serviceAccountName?: string;
}): Record<string, string> {
  const namespace = options.namespace === undefined ? 'flux-system' : options.namespace;
  const releaseNamespace = namespace ? `\n  namespace: ${namespace}` : '';
  const sourceNamespace = namespace ? `\n        namespace: ${namespace}` : '';
  return {
    'charts/web/Chart.yaml':
      'apiVersion: v2\nname: web\nversion: 0.1.0\nappVersion: "1.2.3"\n',
    'charts/web/values.yaml':
      'replicaCount: 1\nimage:\n  repository: ghcr.io/acme/web\n  tag: "1.2.3"\n',
    'charts/web/values.schema.json': JSON.stringify({
      type: 'object',
      required: ['image'],
      properties: {
        replicaCount: { type: 'integer', minimum: 1, maximum: 3 },
        image: {
          type: 'object',
          required: ['repository'],
          properties: { tag: { type: 'string' } },
        },
      },
    }),
    'charts/web/templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  replicas: {{ .Values.replicaCount }}
`,
    [`${options.path}/helmrelease.yaml`]: `# The storefront, released by helm-controller
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: web${releaseNamespace}
spec:
  interval: 10m
  serviceAccountName: ${options.serviceAccountName ?? 'helm-controller'}
  chart:
    spec:
      chart: ./charts/web
      reconcileStrategy: Revision
      sourceRef:
        kind: GitRepository
        name: ${options.sourceName}${sourceNamespace}
  values:
    replicaCount: 2
    image:
      repository: ghcr.io/acme/web
      tag: "${options.tag ?? '1.2.3'}"
`,
  };
}
