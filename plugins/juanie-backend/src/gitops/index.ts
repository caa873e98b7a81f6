/**
 * The gitops domain: editing manifests in a GitOps repository the way a person would, and
 * committing the result through a cached working copy.
 */
export type {
  EnvChange,
  ImageChange,
  ManifestChange,
  ResourceQuantities,
  ResourcesChange,
} from './ManifestChange';
export { manifestChangeSchema } from './ManifestChange';
export type { ManifestEditRequest, ManifestEditResult } from './ManifestEditor';
export { ManifestEditor } from './ManifestEditor';
export type { FieldChange, FieldLocation } from './FieldChange';
export type {
  ManifestValidationError,
  ManifestValidationResult,
  ManifestValidatorOptions,
} from '@juanie/plugin-juanie-node';
export { ManifestValidator } from '@juanie/plugin-juanie-node';
export type { UnifiedDiffOptions } from './unifiedDiff';
export { unifiedDiff } from './unifiedDiff';
export type { GitOpsConflict } from './detectConflicts';
export { detectConflicts, GitOpsConflictError } from './detectConflicts';
export type { GitIdentity } from '@juanie/plugin-juanie-node';
export type {
  AppliedChange,
  CommitChangeOptions,
  GitOpsWorkingCopyOptions,
} from './GitOpsWorkingCopy';
export { GitOpsWorkingCopy } from './GitOpsWorkingCopy';
export type {
  ManifestWork,
  ManifestWorkerPoolOptions,
} from './ManifestWorkerPool';
export {
  createManifestWork,
  InProcessManifestWork,
  ManifestWorkerPool,
} from './ManifestWorkerPool';
export type { ManifestTask, ManifestPreview } from './manifestTasks';
export {
  ManifestTooLargeError,
  MAX_ALIAS_COUNT,
  MAX_FILE_BYTES,
} from '@juanie/plugin-juanie-node';
