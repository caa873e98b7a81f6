import {
  ManifestEditor,
  ManifestEditRequest,
  ManifestEditResult,
} from './ManifestEditor';
import {
  ManifestValidationResult,
  ManifestValidator,
} from '@juanie/plugin-juanie-node';
import { YamlParses } from '@juanie/plugin-juanie-node';

/** The heavy work on the files of an environment path, run off the request thread. */
export type ManifestTask =
  | { kind: 'edit'; request: ManifestEditRequest }
  | { kind: 'preview'; request: ManifestEditRequest }
  | { kind: 'validate'; files: Record<string, string> };

/** An edit and the validation of the files it changed (one set of parses for both). */
export interface ManifestPreview {
  edit: ManifestEditResult;
  validation: ManifestValidationResult;
}

export type ManifestTaskResult<T extends ManifestTask> = T extends {
  kind: 'edit';
}
  ? ManifestEditResult
  : T extends { kind: 'preview' }
  ? ManifestPreview
  : ManifestValidationResult;

const editor = new ManifestEditor();
const validator = new ManifestValidator();

/** Runs a task on this thread (in a worker, or in-process where no workers are configured). */
export function runManifestTask<T extends ManifestTask>(
  task: T,
): ManifestTaskResult<T> {
  const parses = new YamlParses();
  switch (task.kind) {
    case 'edit':
      return editor.apply(task.request, parses) as ManifestTaskResult<T>;
    case 'preview': {
      const edit = editor.apply(task.request, parses);
      const validation = validator.validateChange(
        task.request.files,
        edit.files,
        parses,
      );
      return { edit, validation } as ManifestTaskResult<T>;
    }
    case 'validate':
      return validator.validate(task.files, parses) as ManifestTaskResult<T>;
    default:
      throw new Error(`Unknown manifest task ${(task as ManifestTask).kind}`);
  }
}
