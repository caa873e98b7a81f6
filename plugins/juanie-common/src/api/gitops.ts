/** Kinds of Flux object an environment can be reconciled by. @public */
export const FLUX_WORKLOAD_KINDS = ['Kustomization', 'HelmRelease'] as const;
/** @public */
export type FluxWorkloadKind = (typeof FLUX_WORKLOAD_KINDS)[number];

/** A kstatus condition as Flux reports it. @public */
export interface FluxCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string | null;
  message: string | null;
  lastTransitionTime: string | null;
}

/** One Flux object Juanie watches, as last seen in its cluster. @public */
export interface FluxObjectStatus {
  cluster: string;
  kind: string;
  namespace: string;
  name: string;
  /** From the conditions; `NotFound` until a watcher has seen the object in its cluster. */
  state: 'Ready' | 'Reconciling' | 'Stalled' | 'Suspended' | 'Failed' | 'Unknown' | 'NotFound';
  conditions: FluxCondition[];
  suspended: boolean;
  /** Git revisions as Flux writes them, e.g. `main@sha1:<sha>`. */
  lastAppliedRevision: string | null;
  lastAttemptedRevision: string | null;
  /** The commit sha of `lastAppliedRevision`, when it names one. */
  lastAppliedCommit: string | null;
  lastAppliedCommitUrl: string | null;
  /** When Juanie saw the status change (Flux does not date applied revisions). */
  lastAppliedAt: string | null;
  /** Whether the status describes the current spec (`observedGeneration == generation`). */
  current: boolean;
  /** The Ready condition's message, verbatim. */
  message: string | null;
  observedAt: string | null;
}

/** An environment's GitOps target and the Flux objects that reconcile it. @public */
export interface EnvironmentGitOpsStatus {
  environment: string;
  cluster: string | null;
  repositoryId: string;
  branch: string;
  path: string;
  /** The Kustomization or HelmRelease that applies the environment's path. */
  workload: FluxObjectStatus | null;
  /** Its source (GitRepository or OCIRepository). */
  source: FluxObjectStatus | null;
  /** Whether the caller may reconcile, suspend and resume. */
  canOperate: boolean;
}

/** `GET .../projects/{project}/gitops`. @public */
export interface ProjectGitOpsStatus {
  items: EnvironmentGitOpsStatus[];
}

/** One cluster's reachability and Flux health, from `GET /clusters`. @public */
export interface ClusterStatus {
  name: string;
  /** True for the simulated cluster of the local portal. */
  simulated: boolean;
  reachable: boolean;
  error: string | null;
  checkedAt: string | null;
  flux: {
    controllers: Array<{ name: string; ready: boolean; message: string | null }>;
    crds: Array<{ name: string; versions: string[] }>;
    healthy: boolean;
  } | null;
  /** Flux objects watched in the cluster, by kind. */
  objects: Record<string, number>;
}

/** The signal channel of GitOps status changes: `{ org, project, environment }`. @public */
export const GITOPS_SIGNAL_CHANNEL = 'juanie:gitops';
