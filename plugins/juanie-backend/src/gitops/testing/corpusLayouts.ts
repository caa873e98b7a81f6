import fs from 'node:fs';
import path from 'node:path';

/** Where a Helm chart reads each setting a change makes, as paths in the HelmRelease. */
export interface ChartValues {
  replicas: string[];
  imageTag: string[];
  /** Absent when the chart has no digest value: the digest then goes into the tag. */
  imageDigest?: string[];
  /** A Kubernetes env list (`[{ name, value }]`). */
  env: string[];
  resources: string[];
}

/**
 * What a change type does on a layout when it is not built as intended: `refused` (Juanie
 * cannot tell where the chart reads it, and no values path it knows says so), or
 * `needsValuesPaths` (refused until the change names the chart's values paths, then built).
 */
export type CaseOutcome = 'refused' | 'needsValuesPaths';

/** One repository layout of the corpus and the workload its cases change. */
export interface CorpusLayout {
  /** Directory under testing/corpus. */
  name: string;
  /** The environment path inside it (what a Flux Kustomization's `spec.path` names). */
  environment: string;
  workload: string;
  /** Container (Deployments) or values section (HelmReleases) the request names, if any. */
  container?: string;
  /** Container of the rendered Deployment the change is meant for. */
  renderedContainer?: string;
  /** For HelmReleases: what the chart reads, from the chart's values.yaml and templates. */
  chart?: ChartValues;
  /** One variable the environment already sets, changed, and one new. */
  envSet: Record<string, string>;
  /** A variable the environment sets, to remove. */
  envRemove: string;
  /** A merge patch that adds a nested field where the environment already sets siblings. */
  patch: Record<string, unknown>;
  /** Change types (keys of the test's CHANGES) that are not built at once; see {@link CaseOutcome}. */
  outcomes?: Record<string, CaseOutcome>;
}

const ANNOTATION = { 'juanie.example.com/patched': 'true' };
const podAnnotation = {
  spec: { template: { metadata: { annotations: ANNOTATION } } },
};

/** The layouts; testing/corpus/README.md says which public repository each one follows. */
export const CORPUS_LAYOUTS: CorpusLayout[] = [
  {
    name: 'helm-values-overlay',
    environment: 'apps/staging',
    workload: 'HelmRelease/podinfo',
    // stefanprodan/podinfo charts/podinfo: values.yaml and templates/deployment.yaml.
    chart: {
      replicas: ['spec', 'values', 'replicaCount'],
      imageTag: ['spec', 'values', 'image', 'tag'],
      env: ['spec', 'values', 'extraEnvs'],
      resources: ['spec', 'values', 'resources'],
    },
    envSet: { PODINFO_UI_MESSAGE: 'Hello from staging', PODINFO_UI_LOGO: 'x' },
    envRemove: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    patch: { spec: { values: { podAnnotations: ANNOTATION } } },
    outcomes: {
      // The chart has no digest value (only `repository:tag`): pin through the tag instead.
      'image digest': 'refused',
      // The chart reads `extraEnvs`, not `env`: a merge patch names it.
      'env set': 'refused',
      'env remove': 'refused',
    },
  },
  {
    name: 'helm-multiple-releases',
    environment: 'monitoring/controllers/loki-stack',
    workload: 'HelmRelease/loki',
    container: 'loki',
    // grafana/loki production/helm/loki/values.yaml, SingleBinary deployment mode.
    chart: {
      replicas: ['spec', 'values', 'singleBinary', 'replicas'],
      imageTag: ['spec', 'values', 'loki', 'image', 'tag'],
      imageDigest: ['spec', 'values', 'loki', 'image', 'digest'],
      env: ['spec', 'values', 'singleBinary', 'extraEnv'],
      resources: ['spec', 'values', 'singleBinary', 'resources'],
    },
    envSet: { GOMEMLIMIT: '1800MiB', GOGC: '50' },
    envRemove: 'JAEGER_AGENT_HOST',
    patch: {
      spec: { values: { singleBinary: { podAnnotations: ANNOTATION } } },
    },
    outcomes: {
      // The release sets neither a digest nor replicaCount: valuesPaths name them.
      'image digest': 'needsValuesPaths',
      replicas: 'needsValuesPaths',
      // Loki reads singleBinary.extraEnv and .resources, not the "loki" section's.
      'env set': 'refused',
      'env remove': 'refused',
      resources: 'refused',
    },
  },
  {
    name: 'deployment-overlay-patch-files',
    environment: 'apps/production',
    workload: 'Deployment/backend',
    renderedContainer: 'backend',
    envSet: { PODINFO_UI_COLOR: '#228b22', PODINFO_UI_MESSAGE: 'production' },
    envRemove: 'PODINFO_CACHE_SERVER',
    patch: podAnnotation,
  },
  {
    name: 'multi-document',
    environment: 'deploy/webapp',
    workload: 'Deployment/frontend',
    renderedContainer: 'frontend',
    envSet: { PODINFO_UI_MESSAGE: 'hello', PODINFO_UI_LOGO: 'x' },
    envRemove: 'PODINFO_UI_COLOR',
    patch: { spec: { template: { metadata: { labels: { tier: 'web' } } } } },
  },
  {
    name: 'plain-directory',
    environment: 'kustomize',
    workload: 'Deployment/podinfo',
    renderedContainer: 'podinfod',
    envSet: { PODINFO_UI_MESSAGE: 'hello', PODINFO_UI_LOGO: 'x' },
    envRemove: 'PODINFO_UI_COLOR',
    patch: podAnnotation,
  },
  {
    name: 'images-and-inline-patches',
    environment: 'clusters/production/podinfo',
    workload: 'Deployment/podinfo',
    renderedContainer: 'podinfod',
    envSet: {
      PODINFO_CACHE_SERVER: 'tcp://redis.other:6379',
      PODINFO_UI_LOGO: 'x',
    },
    envRemove: 'PODINFO_UI_COLOR',
    patch: podAnnotation,
  },
];

/** Every file under `root` (a layout's directory), keyed by path relative to it, byte for byte. */
export function readCorpusLayout(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else
        files[path.relative(root, full).split(path.sep).join('/')] =
          fs.readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return files;
}
