import { z } from 'zod';
import { timestampSchema } from './common';
import { approvalRuleSchema } from './environments';
import { manifestChangeSchema } from './manifestChanges';
import { policyViolationSchema } from './policies';

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
export const DEPLOYMENT_METHODS = ['juanie', 'rollback', 'git'] as const;
/** @public */
export type DeploymentMethod = (typeof DEPLOYMENT_METHODS)[number];

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
export const deploymentApprovalSchema = z.object({
  approverRef: z.string(),
  decision: z.enum(['approve', 'reject']),
  comment: z.string(),
  createdAt: timestampSchema,
});
/** @public */
export type DeploymentApproval = z.infer<typeof deploymentApprovalSchema>;

/** One step of a deployment's life. @public */
export const deploymentEventSchema = z.object({
  id: z.number(),
  occurredAt: timestampSchema,
  type: z.string(),
  actorRef: z.string(),
  status: z.enum(DEPLOYMENT_STATUSES).nullable(),
  message: z.string(),
});
/** @public */
export type DeploymentEvent = z.infer<typeof deploymentEventSchema>;

/** A field changed upstream and by the deployment, to different values. @public */
export const deploymentConflictSchema = z.object({
  file: z.string(),
  document: z.string(),
  path: z.string(),
  embeddedPath: z.string().optional(),
  base: z.unknown(),
  theirs: z.unknown(),
  yours: z.unknown(),
});
/** @public */
export type DeploymentConflict = z.infer<typeof deploymentConflictSchema>;

/** A deployment as lists show it. @public */
export const deploymentSchema = z.object({
  id: z.string(),
  org: z.string(),
  project: z.string(),
  environment: z.string(),
  method: z.enum(DEPLOYMENT_METHODS),
  status: z.enum(DEPLOYMENT_STATUSES),
  statusReason: z.string().nullable(),
  statusMessage: z.string().nullable(),
  statusChangedAt: timestampSchema,
  requestedBy: z.string(),
  workload: z.string().nullable(),
  changes: manifestChangeSchema.nullable(),
  /** The deployment whose files a rollback restores. */
  rollbackOf: z.string().nullable(),
  message: z.string(),
  baseRevision: z.string().nullable(),
  commitSha: z.string().nullable(),
  /** A web link to the commit, when the repository has one. */
  commitUrl: z.string().nullable(),
  expiresAt: timestampSchema.nullable(),
  /** The gate as it was when the deployment was requested. */
  approvalRule: approvalRuleSchema,
  approvalsReceived: z.number(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
/** @public */
export type Deployment = z.infer<typeof deploymentSchema>;

/** `GET /deployments/{id}`: a deployment with its votes, timeline and what the caller may do. @public */
export const deploymentDetailSchema = deploymentSchema.extend({
  approvals: z.array(deploymentApprovalSchema),
  timeline: z.array(deploymentEventSchema),
  conflicts: z.array(deploymentConflictSchema),
  /** What the caller may do now. */
  allowedActions: z.object({ vote: z.boolean(), cancel: z.boolean(), rollback: z.boolean() }),
});
/** @public */
export type DeploymentDetail = z.infer<typeof deploymentDetailSchema>;

/** A file check error, with where it is. @public */
export const manifestValidationErrorSchema = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
  message: z.string(),
});
/** @public */
export type ManifestValidationError = z.infer<typeof manifestValidationErrorSchema>;

/** A manifest field a change rewrites. @public */
export const changedFieldSchema = z.object({
  file: z.string(),
  document: z.string(),
  path: z.string(),
  embeddedPath: z.string().optional(),
  old: z.unknown(),
  new: z.unknown(),
  /** What the edit wrote besides the field, e.g. a YAML alias replaced by a copy of its value. */
  note: z.string().optional(),
});
/** @public */
export type ChangedField = z.infer<typeof changedFieldSchema>;

/** `POST .../deployments/preview`. @public */
export const manifestValidationSchema = z.object({
  valid: z.boolean(),
  errors: z.array(manifestValidationErrorSchema),
});

/** @public */
export const deploymentPreviewResponseSchema = z.object({
  baseRevision: z.string(),
  /** The files the change rewrites, with their new text (relative to the environment path). */
  files: z.record(z.string(), z.string()),
  /** The same files before the change (empty for new files). */
  filesBefore: z.record(z.string(), z.string()),
  changes: z.array(changedFieldSchema),
  diff: z.string(),
  validation: manifestValidationSchema,
  /**
   * What a reviewer should know about how the change was written: the HelmRelease values path
   * it chose, an autoscaler that overrides replicas, an alias it wrote out in full.
   */
  notes: z.array(z.string()),
  violations: z.array(policyViolationSchema),
  /** True when an enforced policy refuses the change. */
  enforced: z.boolean(),
});
/** @public */
export type DeploymentPreview = z.infer<typeof deploymentPreviewResponseSchema>;

/** `GET /deployments/{id}/diff`: the diff of the commit, or of what would be committed now. @public */
export const deploymentDiffSchema = z.object({
  /** `commit` once committed; `preview` renders the request on the branch head. */
  source: z.enum(['commit', 'preview']),
  revision: z.string().nullable(),
  diff: z.string(),
  /** Why no diff could be rendered (e.g. the branch now conflicts). */
  error: z.string().optional(),
});
/** @public */
export type DeploymentDiff = z.infer<typeof deploymentDiffSchema>;

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
