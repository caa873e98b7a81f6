import { parsePatch, StructuredPatch, StructuredPatchHunk } from 'diff';

/** One line of one side of a diff. */
export interface DiffCell {
  /** The line's number in its version of the file. */
  number: number;
  text: string;
  kind: 'context' | 'removed' | 'added';
}

/** A line of the old file beside the line of the new file that replaced it. */
export interface DiffRow {
  left?: DiffCell;
  right?: DiffCell;
}

/** One file of a diff, laid out side by side. */
export interface DiffFile {
  /** The path without git's `a/` or `b/`. */
  name: string;
  change: 'added' | 'removed' | 'modified';
  hunks: { header: string; rows: DiffRow[] }[];
}

/** Removed lines beside the added lines that follow them, in order. */
function pairUp(removed: DiffCell[], added: DiffCell[]): DiffRow[] {
  const length = Math.max(removed.length, added.length);
  return Array.from({ length }, (_, i) => ({
    left: removed[i],
    right: added[i],
  }));
}

function rowsOf(hunk: StructuredPatchHunk): DiffRow[] {
  const rows: DiffRow[] = [];
  let oldLine = hunk.oldStart;
  let newLine = hunk.newStart;
  let removed: DiffCell[] = [];
  let added: DiffCell[] = [];
  for (const line of hunk.lines) {
    const text = line.slice(1);
    if (line.startsWith('-')) {
      removed.push({ number: oldLine++, text, kind: 'removed' });
    } else if (line.startsWith('+')) {
      added.push({ number: newLine++, text, kind: 'added' });
    } else if (line.startsWith(' ')) {
      rows.push(...pairUp(removed, added));
      removed = [];
      added = [];
      rows.push({
        left: { number: oldLine++, text, kind: 'context' },
        right: { number: newLine++, text, kind: 'context' },
      });
    }
    // Anything else is "\ No newline at end of file".
  }
  rows.push(...pairUp(removed, added));
  return rows;
}

function fileOf(patch: StructuredPatch): DiffFile {
  const added = patch.oldFileName === '/dev/null';
  const removed = patch.newFileName === '/dev/null';
  const path = removed ? patch.oldFileName : patch.newFileName;
  let change: DiffFile['change'] = 'modified';
  if (added) change = 'added';
  if (removed) change = 'removed';
  return {
    name: path.replace(/^[ab]\//, ''),
    change,
    hunks: patch.hunks.map(hunk => ({
      header: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
      rows: rowsOf(hunk),
    })),
  };
}

/**
 * Lays a unified diff (git's or jsdiff's) out side by side, file by file.
 * Undefined when the text is not a diff that can be parsed.
 */
export function layOutDiff(unifiedDiff: string): DiffFile[] | undefined {
  try {
    return parsePatch(unifiedDiff)
      .filter(patch => patch.hunks.length > 0)
      .map(fileOf);
  } catch {
    return undefined;
  }
}
