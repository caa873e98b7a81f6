import { InputError } from '@backstage/errors';
import { redactUrl } from '../repositories/RemoteGitError';
import { createHash } from 'node:crypto';
import { posix } from 'node:path';

/** A person or bot in git's author/committer fields. */
export interface GitIdentity {
  name: string;
  email: string;
}

/**
 * Checks git inputs before they reach a git command line. Arguments are passed as arrays (no
 * shell), but a value starting with "-" could still be read as an option, and a path with ".."
 * could leave the repository.
 */

export function assertBranchName(branch: string): void {
  const valid =
    /^[A-Za-z0-9._/-]{1,200}$/.test(branch) &&
    !branch.startsWith('-') &&
    !branch.startsWith('/') &&
    !branch.endsWith('/') &&
    !branch.endsWith('.lock') &&
    !branch.includes('..') &&
    !branch.includes('//') &&
    !branch.split('/').some(part => part.startsWith('.'));
  if (!valid) throw new InputError(`"${branch}" is not a valid branch name`);
}

export function assertCommitSha(commit: string): void {
  if (!/^[0-9a-f]{7,64}$/i.test(commit))
    throw new InputError(`"${commit}" is not a commit sha`);
}

/** A repository-relative path in normal form ('' is the root); refuses escapes and .git. */
export function repositoryPath(path: string): string {
  if (path.includes('\0') || path.includes('\\') || posix.isAbsolute(path)) {
    throw new InputError(
      `Path "${path}" must be relative to the repository root`,
    );
  }
  const normalized = posix.normalize(path || '.').replace(/\/+$/, '');
  if (normalized === '..' || normalized.startsWith('../')) {
    throw new InputError(`Path "${path}" escapes the repository`);
  }
  if (normalized.split('/').includes('.git'))
    throw new InputError(`Path "${path}" points into .git`);
  return normalized === '.' ? '' : normalized;
}

/** `Name <email>` for --author, refusing characters that would forge another identity. */
export function formatIdentity(identity: GitIdentity): string {
  const bad = /[<>\n\r\0]/;
  if (
    !identity.name.trim() ||
    bad.test(identity.name) ||
    bad.test(identity.email) ||
    !identity.email.includes('@')
  ) {
    throw new InputError(
      `"${identity.name} <${identity.email}>" is not a valid git identity`,
    );
  }
  return `${identity.name.trim()} <${identity.email.trim()}>`;
}

/** Commit message followed by a trailer block (`Juanie-Deployment-Id: 42`). */
export function messageWithTrailers(
  message: string,
  trailers: Record<string, string> = {},
): string {
  const lines = Object.entries(trailers).map(([key, value]) => {
    assertTrailerKey(key);
    if (/[\n\r\0]/.test(value) || value.length > 1000) {
      throw new InputError(
        `Trailer ${key} must be a single line of at most 1000 characters`,
      );
    }
    return `${key}: ${value.trim()}`;
  });
  const body = message.replace(/\r\n/g, '\n').trimEnd();
  if (!body) throw new InputError('A commit message is required');
  return lines.length ? `${body}\n\n${lines.join('\n')}\n` : `${body}\n`;
}

export function assertTrailerKey(key: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(key)) {
    throw new InputError(
      `"${key}" is not a valid trailer key (letters, digits and -)`,
    );
  }
}


/** A readable, collision-free directory name for a repository URL. */
export function cacheDirectoryName(url: string): string {
  const readable = redactUrl(url)
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/\.git$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+/, '')
    .slice(-60);
  const hash = createHash('sha256').update(url).digest('hex').slice(0, 12);
  return `${readable}-${hash}`;
}
