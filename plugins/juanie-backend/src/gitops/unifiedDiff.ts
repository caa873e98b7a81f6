import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/** Options of {@link unifiedDiff}. */
export interface UnifiedDiffOptions {
  /** Prefix for file names in the headers, e.g. the environment path. */
  pathPrefix?: string;
  /** Lines of context around each change (git's default is 3). */
  context?: number;
}

/**
 * A git-style unified diff between two sets of files (path → text): one section per file that
 * differs, added files from /dev/null and removed files to /dev/null.
 */
export function unifiedDiff(
  oldFiles: Record<string, string>,
  newFiles: Record<string, string>,
  options: UnifiedDiffOptions = {},
): string {
  const prefix = options.pathPrefix
    ? `${options.pathPrefix.replace(/\/+$/, '')}/`
    : '';
  const names = [
    ...new Set([...Object.keys(oldFiles), ...Object.keys(newFiles)]),
  ].sort();
  return names
    .filter(name => oldFiles[name] !== newFiles[name])
    .map(name =>
      createTwoFilesPatch(
        name in oldFiles ? `a/${prefix}${name}` : '/dev/null',
        name in newFiles ? `b/${prefix}${name}` : '/dev/null',
        oldFiles[name] ?? '',
        newFiles[name] ?? '',
        undefined,
        undefined,
        { context: options.context ?? 3, headerOptions: FILE_HEADERS_ONLY },
      ),
    )
    .join('');
}
