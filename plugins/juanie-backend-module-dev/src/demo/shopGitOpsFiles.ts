/** The demo environments, in promotion order, each with an overlay of its own. */
export const SHOP_ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

/** Where an environment's overlay lives in the demo GitOps repository. */
export const shopOverlayPath = (env: string) => `apps/shop/overlays/${env}`;

const BASE_KUSTOMIZATION = `# The shop storefront as every environment runs it. What differs per environment
# (image, replicas, settings) belongs in ../overlays/<env>, never here.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization

resources:
  - deployment.yaml
  - service.yaml
`;

const BASE_DEPLOYMENT = `# Storefront web server: server-rendered pages and the cart API.
# Owned by web-team (#shop-web). The image tag is pinned per environment in the overlays.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
    app.kubernetes.io/component: storefront
    app.kubernetes.io/part-of: shop
spec:
  replicas: 2
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: web
      app.kubernetes.io/part-of: shop
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web
        app.kubernetes.io/component: storefront
        app.kubernetes.io/part-of: shop
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/shop-web:1.4.2
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: info
            - name: CART_TTL_SECONDS
              value: "1800"
            # Only production takes real payments.
            - name: PAYMENTS_MODE
              value: sandbox

          # Sized from the last load test; ask web-team before lowering the limits.
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: 500m
              memory: 256Mi
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: 10
---
# Node drains take one storefront pod at a time.
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
    app.kubernetes.io/part-of: shop
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: web
      app.kubernetes.io/part-of: shop
`;

const BASE_SERVICE = `# Cluster-internal entry point of the storefront; the ingress belongs to platform-team.
apiVersion: v1
kind: Service
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
    app.kubernetes.io/part-of: shop
spec:
  selector:
    app.kubernetes.io/name: web
    app.kubernetes.io/part-of: shop
  ports:
    - name: http
      port: 80
      targetPort: http
`;

const DEV_KUSTOMIZATION = `# Development: one replica, chatty logs, and the release candidate web-team is trying out.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: shop-dev

resources:
  - ../../base

images:
  - name: ghcr.io/acme/shop-web
    newTag: "1.5.0-rc.1"

patches:
  # The shared dev cluster is small: one pod is enough.
  - target:
      kind: Deployment
      name: web
    patch: |-
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 1
        template:
          spec:
            containers:
              - name: web
                env:
                  - name: LOG_LEVEL
                    value: debug
`;

const STAGING_KUSTOMIZATION = `# Staging: production's shape at a smaller size; releases wait here for QA sign-off.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: shop-staging

resources:
  - ../../base

# Bumped by the release pipeline, or by a Juanie deployment.
images:
  - name: ghcr.io/acme/shop-web
    newTag: "1.4.2"
`;

const PROD_KUSTOMIZATION = `# Production: pinned by digest, so it runs exactly the image staging signed off.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: shop-prod

resources:
  - ../../base

images:
  - name: ghcr.io/acme/shop-web
    digest: sha256:e0a3bb76ce49900783e2be339731643cca4198b95decf3a76163d9a5f0dcc3da

patches:
  - path: web-deployment-patch.yaml
`;

const PROD_PATCH = `# Production traffic: four pods with room to spare, and real payments.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
  template:
    spec:
      containers:
        - name: web
          env:
            - name: PAYMENTS_MODE
              value: live
          resources:
            requests:
              cpu: 250m
              memory: 256Mi
            limits:
              cpu: "1"
              memory: 512Mi
`;

/**
 * The first commit of the demo project's GitOps repository, by repository path: a Kustomize
 * base for the storefront and one overlay per environment, written the way a platform team
 * would, comments included, so that deployments show realistic diffs.
 */
export const SHOP_GITOPS_FILES: Record<string, string> = {
  'apps/shop/base/kustomization.yaml': BASE_KUSTOMIZATION,
  'apps/shop/base/deployment.yaml': BASE_DEPLOYMENT,
  'apps/shop/base/service.yaml': BASE_SERVICE,
  [`${shopOverlayPath('dev')}/kustomization.yaml`]: DEV_KUSTOMIZATION,
  [`${shopOverlayPath('staging')}/kustomization.yaml`]: STAGING_KUSTOMIZATION,
  [`${shopOverlayPath('prod')}/kustomization.yaml`]: PROD_KUSTOMIZATION,
  [`${shopOverlayPath('prod')}/web-deployment-patch.yaml`]: PROD_PATCH,
};
