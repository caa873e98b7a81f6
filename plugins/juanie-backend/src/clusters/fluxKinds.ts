/** A kind of Flux object Juanie watches, and where the API serves it. */
export interface FluxKind {
  kind: string;
  group: string;
  version: string;
  plural: string;
  /** Workloads apply a path; sources fetch a repository. */
  role: 'workload' | 'source';
}

/** The Flux kinds, at the API versions of Flux 2.x (docs/environments-and-flux.md). */
export const FLUX_KINDS: FluxKind[] = [
  { kind: 'GitRepository', group: 'source.toolkit.fluxcd.io', version: 'v1', plural: 'gitrepositories', role: 'source' },
  { kind: 'OCIRepository', group: 'source.toolkit.fluxcd.io', version: 'v1', plural: 'ocirepositories', role: 'source' },
  { kind: 'Kustomization', group: 'kustomize.toolkit.fluxcd.io', version: 'v1', plural: 'kustomizations', role: 'workload' },
  { kind: 'HelmRelease', group: 'helm.toolkit.fluxcd.io', version: 'v2', plural: 'helmreleases', role: 'workload' },
];

export function fluxKind(kind: string): FluxKind | undefined {
  return FLUX_KINDS.find(k => k.kind === kind);
}

/** The commit sha a Flux git revision names: `main@sha1:<sha>`, or `main/<sha>` on older Flux. */
export function commitOfRevision(revision: string | null | undefined): string | null {
  if (!revision) return null;
  const match = /(?:@sha1:|\/)([0-9a-f]{40})$/.exec(revision) ?? /^([0-9a-f]{40})$/.exec(revision);
  return match ? match[1] : null;
}
