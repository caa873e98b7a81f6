import { ConflictError } from '@backstage/errors';
import { FieldChange, readField } from './FieldChange';
import { sameValue } from '@juanie/plugin-juanie-node';

/** A field that both upstream and this change changed, to different values. */
export interface GitOpsConflict {
  file: string;
  document: string;
  path: string;
  embeddedPath?: string;
  /** The value when the change was prepared. */
  base: unknown;
  /** The value on the branch now. */
  theirs: unknown;
  /** The value this change wants. */
  yours: unknown;
}

/**
 * The branch moved and changed fields this change also changes; carries the list. Its `name`
 * stays `ConflictError` so Backstage's error middleware answers 409.
 */
export class GitOpsConflictError extends ConflictError {
  constructor(readonly conflicts: GitOpsConflict[]) {
    const fields = conflicts.map(
      c =>
        `${c.file} ${c.document} ${c.path}${
          c.embeddedPath ? ` ${c.embeddedPath}` : ''
        }`,
    );
    super(
      `The GitOps branch changed the same fields since this change was prepared: ${fields.join(
        '; ',
      )}`,
    );
  }
}

/**
 * Fields this change intends to change that upstream changed too (base → theirs), to a value
 * other than ours. Upstream changes to other fields are no conflict: the change is re-applied.
 */
export function detectConflicts(
  baseFiles: Record<string, string>,
  theirFiles: Record<string, string>,
  intendedChanges: FieldChange[],
): GitOpsConflict[] {
  const conflicts: GitOpsConflict[] = [];
  const seen = new Set<string>();
  for (const change of intendedChanges) {
    const key = JSON.stringify([
      change.file,
      change.document,
      change.path,
      change.embeddedPath,
    ]);
    if (seen.has(key)) continue;
    seen.add(key);
    const base = readField(baseFiles, change);
    const theirs = readField(theirFiles, change);
    if (sameValue(base, theirs) || sameValue(theirs, change.new)) continue;
    conflicts.push({
      file: change.file,
      document: change.document,
      path: change.path,
      ...(change.embeddedPath !== undefined
        ? { embeddedPath: change.embeddedPath }
        : {}),
      base,
      theirs,
      yours: change.new,
    });
  }
  return conflicts;
}
