import { EnvironmentKind } from '@juanie/plugin-juanie-common';
import { PolicyRuleFinding, PolicyRuleType } from '@juanie/plugin-juanie-node';
import { stringify } from 'yaml';
import { readManifestSet } from '../manifests/readManifestSet';

/** A digest that is a valid sha256. */
export const DIGEST = `sha256:${'a'.repeat(64)}`;

/** A container of a test manifest: its image, and anything else it sets. */
export type TestContainer = { name?: string; image: string } & Record<string, unknown>;

/** A workload of a test manifest, in YAML. */
export function workload(options: {
  kind?: string;
  name?: string;
  images?: string[];
  containers?: TestContainer[];
  initContainers?: TestContainer[];
  replicas?: number;
  labels?: Record<string, string>;
  templateLabels?: Record<string, string>;
}): string {
  const kind = options.kind ?? 'Deployment';
  const containers =
    options.containers ?? (options.images ?? ['nginx:1.27']).map((image, i) => ({ name: `c${i}`, image }));
  const podSpec = { ...(options.initContainers ? { initContainers: options.initContainers } : {}), containers };
  const template = { metadata: { labels: options.templateLabels ?? {} }, spec: podSpec };
  const metadata = { name: options.name ?? 'web', labels: options.labels ?? {} };
  const specOf = () => {
    if (kind === 'Pod') return podSpec;
    if (kind === 'CronJob') return { schedule: '0 * * * *', jobTemplate: { spec: { template } } };
    return { ...(options.replicas !== undefined ? { replicas: options.replicas } : {}), template };
  };
  const spec = specOf();
  return stringify({ apiVersion: kind === 'CronJob' || kind === 'Job' ? 'batch/v1' : 'apps/v1', kind, metadata, spec });
}

/** A Kustomize `kustomization.yaml`. */
export function kustomization(fields: Record<string, unknown>): string {
  return stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [], ...fields });
}

/** A Flux HelmRelease with the given values. */
export function helmRelease(values: Record<string, unknown>, name = 'web'): string {
  return stringify({
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name },
    spec: { chart: { spec: { chart: 'web' } }, values },
  });
}

/** Any other resource. */
export function resource(kind: string, spec: Record<string, unknown>, name = 'web'): string {
  return stringify({ apiVersion: 'v1', kind, metadata: { name }, spec });
}

/** Several documents in one file. */
export const documents = (...yamls: string[]) => yamls.join('---\n');

/** Runs one rule on the files, as the policy service would. */
export async function findingsOf<P>(
  ruleType: PolicyRuleType<P>,
  params: unknown,
  files: Record<string, string>,
  context: {
    at?: Date;
    environment?: { slug: string; kind: EnvironmentKind; requiredApprovals: number };
  } = {},
): Promise<PolicyRuleFinding[]> {
  return ruleType.evaluate({
    params: ruleType.paramsSchema.parse(params),
    org: 'acme',
    project: 'shop',
    environment: context.environment ?? { slug: 'prod', kind: 'production', requiredApprovals: 1 },
    at: context.at ?? new Date('2026-06-01T12:00:00Z'),
    files,
    manifests: readManifestSet(files),
  });
}

/** A finding as the tables write it: where, and what the message says. */
export interface ExpectedFinding {
  file: string | null;
  path: string | null;
  message: RegExp;
}

/** What `toEqual` compares findings with: the expected ones, in order. */
export function findingsLike(expected: ExpectedFinding[]) {
  return expected.map(({ file, path, message }) => ({ file, path, message: expect.stringMatching(message) }));
}
