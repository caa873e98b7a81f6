import { z } from 'zod';
/** Kinds of Flux object an environment can be reconciled by. @public */
export const FLUX_WORKLOAD_KINDS = ['Kustomization', 'HelmRelease'] as const;
/** @public */
export type FluxWorkloadKind = (typeof FLUX_WORKLOAD_KINDS)[number];

/** A kstatus condition as Flux reports it. @public */
export const fluxConditionSchema = z.object({
  type: z.string(),
  status: z.enum(['True', 'False', 'Unknown']),
  reason: z.string().nullable(),
  message: z.string().nullable(),
  lastTransitionTime: z.string().nullable(),
});
/** @public */
export type FluxCondition = z.infer<typeof fluxConditionSchema>;

/** @public */
export const FLUX_OBJECT_STATES = ['Ready', 'Reconciling', 'Stalled', 'Suspended', 'Failed', 'Unknown', 'NotFound'] as const;

/** One Flux object Juanie watches, as last seen in its cluster. @public */
export const fluxObjectStatusSchema = z.object({
  cluster: z.string(),
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  /** From the conditions; `NotFound` until a watcher has seen the object in its cluster. */
  state: z.enum(FLUX_OBJECT_STATES),
  conditions: z.array(fluxConditionSchema),
  suspended: z.boolean(),
  /** Git revisions as Flux writes them, e.g. `main@sha1:<sha>`. */
  lastAppliedRevision: z.string().nullable(),
  lastAttemptedRevision: z.string().nullable(),
  /** The commit sha of `lastAppliedRevision`, when it names one. */
  lastAppliedCommit: z.string().nullable(),
  lastAppliedCommitUrl: z.string().nullable(),
  /** When Juanie saw the status change (Flux does not date applied revisions). */
  lastAppliedAt: z.string().nullable(),
  /** Whether the status describes the current spec (`observedGeneration == generation`). */
  current: z.boolean(),
  /** The Ready condition's message, verbatim. */
  message: z.string().nullable(),
  observedAt: z.string().nullable(),
});
/** @public */
export type FluxObjectStatus = z.infer<typeof fluxObjectStatusSchema>;

/** An environment's GitOps target and the Flux objects that reconcile it. @public */
export const environmentGitOpsStatusSchema = z.object({
  environment: z.string(),
  cluster: z.string().nullable(),
  repositoryId: z.string(),
  branch: z.string(),
  path: z.string(),
  /** The Kustomization or HelmRelease that applies the environment's path. */
  workload: fluxObjectStatusSchema.nullable(),
  /** Its source (GitRepository or OCIRepository). */
  source: fluxObjectStatusSchema.nullable(),
  /** Whether the caller may reconcile, suspend and resume. */
  canOperate: z.boolean(),
});
/** @public */
export type EnvironmentGitOpsStatus = z.infer<typeof environmentGitOpsStatusSchema>;

/** `GET .../projects/{project}/gitops`. @public */
export const projectGitOpsStatusSchema = z.object({ items: z.array(environmentGitOpsStatusSchema) });
/** @public */
export type ProjectGitOpsStatus = z.infer<typeof projectGitOpsStatusSchema>;

/** One cluster's reachability and Flux health, from `GET /clusters`. @public */
export const clusterStatusSchema = z.object({
  name: z.string(),
  /** True for the simulated cluster of the local portal. */
  simulated: z.boolean(),
  reachable: z.boolean(),
  error: z.string().nullable(),
  checkedAt: z.string().nullable(),
  flux: z
    .object({
      controllers: z.array(z.object({ name: z.string(), ready: z.boolean(), message: z.string().nullable() })),
      crds: z.array(z.object({ name: z.string(), versions: z.array(z.string()) })),
      healthy: z.boolean(),
    })
    .nullable(),
  /** Flux objects watched in the cluster, by kind. */
  objects: z.record(z.string(), z.number()),
});
/** @public */
export type ClusterStatus = z.infer<typeof clusterStatusSchema>;

/** The signal channel of GitOps status changes: `{ org, project, environment }`. @public */
export const GITOPS_SIGNAL_CHANNEL = 'juanie:gitops';
