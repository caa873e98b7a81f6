import { z } from 'zod';
import { ApprovalRule } from './environments';
import { manifestChangeSchema, ManifestChange } from './manifestChanges';
import { PolicyViolation } from './policies';

/** Every status a deployment can have, in the order a successful one passes them. @public */
export const DEPLOYMENT_STATUSES = [
  'pending_approval',
  'queued',
  'committing',
  'committed',
  'reconciling',
  'succeeded',
  'failed',
  'rejected',
  'expired',
  'cancelled',
] as const;
/** @public */
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** How a deployment came about. @public */
export type DeploymentMethod = 'juanie' | 'rollback' | 'git';

const workloadSchema = z
  .string()
  .regex(/^[A-Za-z]+\/[a-z0-9][a-z0-9.-]{0,252}$/, 'must be Kind/name, e.g. Deployment/web');

const baseRevisionSchema = z.string().regex(/^[0-9a-f]{40}$/, 'must be a full commit sha');

/** `POST .../environments/{env}/deployments/preview`: what a change would do. @public */
export const deploymentPreviewSchema = z
  .object({
    changes: manifestChangeSchema,
    /** `Kind/name` of the workload; optional when the path has exactly one. */
    workload: workloadSchema.optional(),
    message: z.string().max(2000).optional(),
    baseRevision: baseRevisionSchema.optional(),
  })
  .strict();
/** @public */
export type DeploymentPreviewRequest = z.input<typeof deploymentPreviewSchema>;

/** `POST .../environments/{env}/deployments`: ask for a change. @public */
export const deploymentRequestSchema = deploymentPreviewSchema.extend({
  message: z.string().trim().max(2000).optional(),
});
/** @public */
export type DeploymentRequest = z.input<typeof deploymentRequestSchema>;

/** `POST /deployments/{id}/approvals`; a rejection must say why. @public */
export const approvalVoteSchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    comment: z.string().trim().max(2000).default(''),
  })
  .strict()
  .refine(vote => vote.decision === 'approve' || vote.comment.length > 0, {
    message: 'a rejection needs a comment that says why',
    path: ['comment'],
  });
/** @public */
export type ApprovalVoteRequest = z.input<typeof approvalVoteSchema>;

/** `POST /deployments/{id}/cancel` and `.../rollback`: an optional note. @public */
export const deploymentNoteSchema = z
  .object({ message: z.string().trim().max(2000).optional() })
  .strict();

/** `GET .../projects/{project}/deployments` filters (plus `limit` and `cursor`). @public */
export const deploymentListQuerySchema = z
  .object({
    environment: z.string().max(63).optional(),
    status: z
      .string()
      .max(200)
      .transform(value => value.split(',').map(s => s.trim()).filter(Boolean))
      .pipe(z.array(z.enum(DEPLOYMENT_STATUSES)).max(DEPLOYMENT_STATUSES.length))
      .optional(),
  })
  .strict();

/** One person's vote. @public */
export interface DeploymentApproval {
  approverRef: string;
  decision: 'approve' | 'reject';
  comment: string;
  createdAt: string;
}

/** One step of a deployment's life. @public */
export interface DeploymentEvent {
  id: number;
  occurredAt: string;
  type: string;
  actorRef: string;
  status: DeploymentStatus | null;
  message: string;
}

/** A field changed upstream and by the deployment, to different values. @public */
export interface DeploymentConflict {
  file: string;
  document: string;
  path: string;
  embeddedPath?: string;
  base: unknown;
  theirs: unknown;
  yours: unknown;
}

/** A deployment as lists show it. @public */
export interface Deployment {
  id: string;
  org: string;
  project: string;
  environment: string;
  method: DeploymentMethod;
  status: DeploymentStatus;
  statusReason: string | null;
  statusMessage: string | null;
  statusChangedAt: string;
  requestedBy: string;
  workload: string | null;
  changes: ManifestChange | null;
  /** The deployment whose files a rollback restores. */
  rollbackOf: string | null;
  message: string;
  baseRevision: string | null;
  commitSha: string | null;
  /** A web link to the commit, when the repository has one. */
  commitUrl: string | null;
  expiresAt: string | null;
  /** The gate as it was when the deployment was requested. */
  approvalRule: ApprovalRule;
  approvalsReceived: number;
  createdAt: string;
  updatedAt: string;
}

/** `GET /deployments/{id}`: a deployment with its votes, timeline and what the caller may do. @public */
export interface DeploymentDetail extends Deployment {
  approvals: DeploymentApproval[];
  timeline: DeploymentEvent[];
  conflicts: DeploymentConflict[];
  /** What the caller may do now. */
  allowedActions: { vote: boolean; cancel: boolean; rollback: boolean };
}

/** A file check error, with where it is. @public */
export interface ManifestValidationError {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** A manifest field a change rewrites. @public */
export interface ChangedField {
  file: string;
  document: string;
  path: string;
  embeddedPath?: string;
  old: unknown;
  new: unknown;
  /** What the edit wrote besides the field, e.g. a YAML alias replaced by a copy of its value. */
  note?: string;
}

/** `POST .../deployments/preview`. @public */
export interface DeploymentPreview {
  baseRevision: string;
  /** The files the change rewrites, with their new text (relative to the environment path). */
  files: Record<string, string>;
  /** The same files before the change (empty for new files). */
  filesBefore: Record<string, string>;
  changes: ChangedField[];
  diff: string;
  validation: { valid: boolean; errors: ManifestValidationError[] };
  /**
   * What a reviewer should know about how the change was written: the HelmRelease values path
   * it chose, an autoscaler that overrides replicas, an alias it wrote out in full.
   */
  notes: string[];
  violations: PolicyViolation[];
  /** True when an enforced policy refuses the change. */
  enforced: boolean;
}

/** `GET /deployments/{id}/diff`: the diff of the commit, or of what would be committed now. @public */
export interface DeploymentDiff {
  /** `commit` once committed; `preview` renders the request on the branch head. */
  source: 'commit' | 'preview';
  revision: string | null;
  diff: string;
  /** Why no diff could be rendered (e.g. the branch now conflicts). */
  error?: string;
}

/** A deployment that waits for the caller's vote, from `GET /approvals`. @public */
export type PendingApproval = Deployment;

/** `POST /gitops/validate`: manifests to check, by file name (at most 100 files). @public */
export const manifestValidationRequestSchema = z
  .object({
    files: z
      .record(
        z.string().min(1).max(500).regex(/^[^\0]+$/, 'must be a file name'),
        z.string(),
      )
      .refine(files => Object.keys(files).length > 0, 'needs at least one file')
      .refine(files => Object.keys(files).length <= 100, 'can check at most 100 files at once'),
  })
  .strict();
/** @public */
export type ManifestValidationRequest = z.input<typeof manifestValidationRequestSchema>;
