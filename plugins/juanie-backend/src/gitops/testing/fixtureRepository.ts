/**
 * A GitOps repository as people write them: comments, blank lines, flow maps and sequences,
 * mixed quoting, multi-document files, a Kustomize base with overlays (images entry, patch file,
 * inline patch) and a Flux HelmRelease. Kept in TypeScript so that no formatter normalises it.
 */
export const FIXTURE_FILES: Record<string, string> = {
  'apps/api/base/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 1
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:2.0.0
          env:
            - name: LOG_LEVEL
              value: info
            - name: CACHE_TTL
              value: "60"
          resources:
            limits:
              cpu: 500m
              memory: 256Mi
`,
  'apps/api/base/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - deployment.yaml
  - service.yaml
`,
  'apps/api/base/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  ports: [{port: 80, targetPort: 8080}]
`,
  'apps/api/overlays/dev/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: api-dev
resources:
  - ../../base
patches:
  # Dev is chatty.
  - target:
      kind: Deployment
      name: api
    patch: |-
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: api
      spec:
        template:
          spec:
            containers:
              - name: api
                env:
                  - name: LOG_LEVEL
                    value: debug
`,
  'apps/api/overlays/prod/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: api-prod
resources:
- ../../base
`,
  'apps/api/overlays/staging/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: api-staging

resources:
  - ../../base

# Pin the staging image here, not in the base.
images:
  - name: ghcr.io/acme/api
    newTag: "2.1.0"   # bumped by CI

patches:
  - path: replicas.yaml
`,
  'apps/api/overlays/staging/replicas.yaml': `# Staging gets two replicas for rolling deploys.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
`,
  'clusters/staging/web/web.yaml': `# Web front end for staging.
# Owned by team-web; ask in #web before touching the probes.
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  greeting: "hello, staging"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web, tier: "frontend"}
spec:
  replicas: 2   # staging runs small

  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: "ghcr.io/acme/web:1.4.0"
        args: [--port, "8080", '--log-format=json']
        env:
          - name: LOG_LEVEL
            value: 'info'
          - {name: FEATURE_FLAGS, value: "search,beta-banner"}
          - name: DATABASE_URL
            valueFrom:
              secretKeyRef: {name: web-db, key: url}

        resources:
          requests:
            cpu: 100m
            memory: 128Mi
      - name: metrics
        image: prom/statsd-exporter:v0.26.0
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
    - port: 80
      targetPort: 8080
`,
  'clusters/staging/worker/helmrelease.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: worker
  namespace: jobs
spec:
  interval: 10m
  chart:
    spec:
      chart: worker
      version: ">=1.0.0 <2.0.0"
      sourceRef:
        kind: HelmRepository
        name: acme
  values:
    replicaCount: 3
    image:
      repository: ghcr.io/acme/worker
      tag: "3.2.1"    # set by Juanie
    env:
      - name: QUEUE
        value: default
    resources:
      limits: {cpu: "1", memory: 512Mi}
`,
};
