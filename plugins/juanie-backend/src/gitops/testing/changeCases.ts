import { ManifestChange } from '../ManifestChange';

/** One change on the fixture repository and exactly the diff lines it must produce per file. */
export interface ChangeCase {
  name: string;
  /** Environment path in the fixture repository. */
  environment: string;
  workload?: string;
  change: ManifestChange;
  /** Changed lines per file, relative to the environment path. */
  lines: Record<string, string[]>;
}

export const DIGEST = `sha256:${'ab'.repeat(32)}`;

const web = 'clusters/staging/web';
const worker = 'clusters/staging/worker';
const staging = 'apps/api/overlays/staging';
const prod = 'apps/api/overlays/prod';
const dev = 'apps/api/overlays/dev';

/** Every change type on every layout: plain manifests, Kustomize overlays, HelmRelease values. */
export const CHANGE_CASES: ChangeCase[] = [
  {
    name: 'plain: image tag keeps the quotes',
    environment: web,
    change: { image: { container: 'web', tag: '1.5.0' } },
    lines: {
      'web.yaml': [
        '-        image: "ghcr.io/acme/web:1.4.0"',
        '+        image: "ghcr.io/acme/web:1.5.0"',
      ],
    },
  },
  {
    name: 'plain: image digest, container picked by image name, replaces the tag',
    environment: web,
    change: { image: { name: 'ghcr.io/acme/web', digest: DIGEST } },
    lines: {
      'web.yaml': [
        '-        image: "ghcr.io/acme/web:1.4.0"',
        `+        image: "ghcr.io/acme/web@${DIGEST}"`,
      ],
    },
  },
  {
    name: 'plain: replicas keep the trailing comment and the blank line',
    environment: web,
    change: { replicas: 4 },
    lines: {
      'web.yaml': [
        '-  replicas: 2   # staging runs small',
        '+  replicas: 4   # staging runs small',
      ],
    },
  },
  {
    name: 'plain: env set edits a value, replaces a secret reference, adds like its siblings',
    environment: web,
    change: {
      env: {
        container: 'web',
        set: { LOG_LEVEL: 'debug', NEW_FLAG: 'on', DATABASE_URL: 'sqlite://x' },
      },
    },
    lines: {
      'web.yaml': [
        "-            value: 'info'",
        "+            value: 'debug'",
        '-            valueFrom:',
        '-              secretKeyRef: {name: web-db, key: url}',
        "+            value: 'sqlite://x'",
        '+          - {name: NEW_FLAG, value: "on"}',
      ],
    },
  },
  {
    name: 'plain: env remove drops the list item',
    environment: web,
    change: { env: { container: 'web', remove: ['LOG_LEVEL'] } },
    lines: {
      'web.yaml': [
        '-          - name: LOG_LEVEL',
        "-            value: 'info'",
      ],
    },
  },
  {
    name: 'plain: resources edit requests and add limits',
    environment: web,
    change: {
      resources: {
        container: 'web',
        requests: { cpu: '250m' },
        limits: { memory: '512Mi' },
      },
    },
    lines: {
      'web.yaml': [
        '-            cpu: 100m',
        '+            cpu: 250m',
        '+          limits:',
        '+            memory: 512Mi',
      ],
    },
  },
  {
    name: 'plain: merge patch sets, adds and removes fields',
    environment: web,
    change: {
      patch: {
        metadata: { labels: { tier: null, team: 'web' } },
        spec: { minReadySeconds: 10 },
      },
    },
    lines: {
      'web.yaml': [
        '-  labels: {app: web, tier: "frontend"}',
        '+  labels: {app: web, team: web}',
        '+  minReadySeconds: 10',
      ],
    },
  },
  {
    name: 'kustomize: image tag goes to the existing images entry',
    environment: staging,
    change: { image: { tag: '2.2.0' } },
    lines: {
      'kustomization.yaml': [
        '-    newTag: "2.1.0"   # bumped by CI',
        '+    newTag: "2.2.0"   # bumped by CI',
      ],
    },
  },
  {
    name: 'kustomize: image tag adds an images entry when the overlay has none',
    environment: prod,
    change: { image: { tag: '2.2.0' } },
    lines: {
      'kustomization.yaml': [
        '+images:',
        '+- name: ghcr.io/acme/api',
        '+  newTag: 2.2.0',
      ],
    },
  },
  {
    name: 'kustomize: replicas edit the existing patch file',
    environment: staging,
    change: { replicas: 3 },
    lines: { 'replicas.yaml': ['-  replicas: 2', '+  replicas: 3'] },
  },
  {
    name: 'kustomize: env goes into the existing patch file',
    environment: staging,
    change: { env: { set: { LOG_LEVEL: 'warn' } } },
    lines: {
      'replicas.yaml': [
        '+  template:',
        '+    spec:',
        '+      containers:',
        '+        - name: api',
        '+          env:',
        '+            - name: LOG_LEVEL',
        '+              value: warn',
      ],
    },
  },
  {
    name: 'kustomize: resources create a patch file and list it under patches',
    environment: prod,
    change: { resources: { limits: { cpu: '1' } } },
    lines: {
      'api-deployment-patch.yaml': [
        '+# Environment-specific settings for Deployment/api, written by Juanie.',
        '+apiVersion: apps/v1',
        '+kind: Deployment',
        '+metadata:',
        '+  name: api',
        '+spec:',
        '+  template:',
        '+    spec:',
        '+      containers:',
        '+        - name: api',
        '+          resources:',
        '+            limits:',
        '+              cpu: "1"',
      ],
      'kustomization.yaml': ['+patches:', '+- path: api-deployment-patch.yaml'],
    },
  },
  {
    name: 'kustomize: env edits the inline patch that sets it',
    environment: dev,
    change: { env: { set: { LOG_LEVEL: 'trace' } } },
    lines: {
      'kustomization.yaml': [
        '-                    value: debug',
        '+                    value: trace',
      ],
    },
  },
  {
    name: 'kustomize: removing a variable of the base writes a deletion directive',
    environment: dev,
    change: { env: { remove: ['CACHE_TTL'] } },
    lines: {
      'kustomization.yaml': [
        '+                  - name: CACHE_TTL',
        '+                    $patch: delete',
      ],
    },
  },
  {
    name: 'helm: image repository and tag',
    environment: worker,
    change: { image: { name: 'ghcr.io/acme/worker-v2', tag: '4.0.0' } },
    lines: {
      'helmrelease.yaml': [
        '-      repository: ghcr.io/acme/worker',
        '-      tag: "3.2.1"    # set by Juanie',
        '+      repository: ghcr.io/acme/worker-v2',
        '+      tag: "4.0.0"    # set by Juanie',
      ],
    },
  },
  {
    name: 'helm: replicaCount',
    environment: worker,
    change: { replicas: 5 },
    lines: {
      'helmrelease.yaml': ['-    replicaCount: 3', '+    replicaCount: 5'],
    },
  },
  {
    name: 'helm: env list',
    environment: worker,
    change: { env: { set: { QUEUE: 'priority' } } },
    lines: {
      'helmrelease.yaml': [
        '-        value: default',
        '+        value: priority',
      ],
    },
  },
  {
    name: 'helm: resources in a flow map',
    environment: worker,
    change: { resources: { limits: { cpu: '2' } } },
    lines: {
      'helmrelease.yaml': [
        '-      limits: {cpu: "1", memory: 512Mi}',
        '+      limits: {cpu: "2", memory: 512Mi}',
      ],
    },
  },
];
