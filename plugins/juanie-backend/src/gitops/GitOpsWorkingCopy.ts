import { posix } from 'node:path';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { setTimeout as sleep } from 'node:timers/promises';
import { GitError } from 'simple-git';
import { detectConflicts, GitOpsConflictError } from './detectConflicts';
import { FieldChange } from './FieldChange';
import { GitClone } from '@juanie/plugin-juanie-node';
import type { RemoteCallGuard } from '@juanie/plugin-juanie-node';
import {
  assertBranchName,
  assertCommitSha,
  assertTrailerKey,
  formatIdentity,
  GitIdentity,
  messageWithTrailers,
  repositoryPath,
} from '@juanie/plugin-juanie-node';
import { readEnvironmentFiles } from '@juanie/plugin-juanie-node';

export interface GitOpsWorkingCopyOptions {
  /** Remote URL of the GitOps repository. */
  url: string;
  /** Directory holding one cached clone per repository URL. */
  cacheDir: string;
  /** Who commits (authors are given per commit). */
  committer: GitIdentity;
  /** Pushes tried before giving up when the branch keeps moving; default 5. */
  maxPushAttempts?: number;
  /** Extra `-c key=value` settings for every git command (e.g. an auth header for https). */
  gitConfig?: Record<string, string>;
  /** The `Authorization` header for https remotes, asked before each fetch and push. */
  authorization?: () => Promise<string | undefined>;
  /** Checks, time-outs and messages of the calls to the remote (GitClone). */
  guard?: RemoteCallGuard;
  logger?: LoggerService;
}

/** Files changed by an `apply` callback, and the fields it changed (for conflict detection). */
export interface AppliedChange {
  files: Record<string, string>;
  /** Files of the path to delete (a rollback to a revision without them). */
  deleted?: string[];
  changes?: FieldChange[];
}

export interface CommitChangeOptions {
  branch: string;
  /** The environment path, relative to the repository root. */
  path: string;
  /** Computes the changed files from the path's files; called again if the branch moved. */
  apply: (
    files: Record<string, string>,
    /** Symbolic links in the path (relative to it): no new file may take their names. */
    links: string[],
  ) => AppliedChange | Promise<AppliedChange>;
  message: string;
  /** Git trailers, e.g. `{ 'Juanie-Deployment-Id': '42' }`. */
  trailers?: Record<string, string>;
  author: GitIdentity;
  /** The commit the change was prepared on; fields changed upstream since then are conflicts. */
  baseRevision?: string;
}

/**
 * A cached clone of a GitOps repository: reads environment paths, commits changes with trailers
 * and pushes them, re-applying on the new branch head when someone else pushed first.
 * Operations on one cache directory are serialised within a process; give every process
 * (backend replica) its own cache directory.
 */
export class GitOpsWorkingCopy {
  private readonly clone: GitClone;

  constructor(private readonly options: GitOpsWorkingCopyOptions) {
    this.clone = new GitClone(options);
  }

  /** The YAML files of `path` on the branch head (bases outside it with `../` keys). */
  async readPath(
    branch: string,
    path: string,
  ): Promise<Record<string, string>> {
    assertBranchName(branch);
    const root = repositoryPath(path);
    return this.clone.exclusive(async () => {
      await this.clone.fetch(branch);
      return this.readEnvironment(await this.clone.head(branch), root);
    });
  }

  /** The branch head's sha and the YAML files of `path` there, read together. */
  async readSnapshot(
    branch: string,
    path: string,
  ): Promise<{
    revision: string;
    files: Record<string, string>;
    /** Symbolic links in the path, relative to it (never read, never written). */
    links: string[];
  }> {
    assertBranchName(branch);
    const root = repositoryPath(path);
    return this.clone.exclusive(async () => {
      await this.clone.fetch(branch);
      const revision = await this.clone.head(branch);
      const links: string[] = [];
      const files = await this.readEnvironment(revision, root, links);
      return { revision, files, links };
    });
  }

  /** Commits and pushes a change to an environment path; returns the commit sha. */
  async commitChange(options: CommitChangeOptions): Promise<string> {
    assertBranchName(options.branch);
    if (options.baseRevision) assertCommitSha(options.baseRevision);
    const root = repositoryPath(options.path);
    const message = messageWithTrailers(options.message, options.trailers);
    const author = formatIdentity(options.author);
    return this.clone.exclusive(async () => {
      await this.clone.fetch(options.branch);
      let head = await this.clone.head(options.branch);
      const base = options.baseRevision
        ? await this.clone.resolveCommit(options.baseRevision)
        : head;
      const baseLinks: string[] = [];
      const baseFiles = await this.readEnvironment(base, root, baseLinks);
      const intended = await options.apply(
        structuredClone(baseFiles),
        baseLinks,
      );
      const attempts = this.options.maxPushAttempts ?? 5;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        let change = intended;
        if (head !== base) {
          const links: string[] = [];
          const theirs = await this.readEnvironment(head, root, links);
          change = await options.apply(structuredClone(theirs), links);
          const fields = [
            ...(intended.changes ?? []),
            ...(change.changes ?? []),
          ];
          const conflicts = detectConflicts(baseFiles, theirs, fields);
          if (conflicts.length > 0) throw new GitOpsConflictError(conflicts);
        }
        await this.clone.resetTo(options.branch);
        await this.clone.writeFiles(root, change.files);
        await this.clone.removeFiles(root, change.deleted ?? []);
        const sha = await this.clone.commit(message, author);
        if (await this.clone.push(options.branch)) return sha;
        this.options.logger?.info(
          `Push to ${this.clone.displayUrl} ${options.branch} was rejected (attempt ${attempt}); re-applying`,
        );
        // Exponential backoff with full jitter spreads out writers that keep colliding.
        await sleep(Math.random() * Math.min(5_000, 100 * 2 ** attempt));
        await this.clone.fetch(options.branch);
        head = await this.clone.head(options.branch);
      }
      throw new ConflictError(
        `${options.branch} of ${this.clone.displayUrl} kept moving; gave up after ${attempts} pushes`,
      );
    });
  }

  /** The YAML files of `path` at a revision (without the bases outside it). */
  async readRevision(
    revision: string,
    path: string,
  ): Promise<Record<string, string>> {
    assertCommitSha(revision);
    const root = repositoryPath(path);
    return this.clone.exclusive(async () => {
      await this.ensureCommits(revision);
      const files = await this.readEnvironment(revision, root);
      return Object.fromEntries(
        Object.entries(files).filter(([file]) => !file.startsWith('../')),
      );
    });
  }

  /** The unified diff of `path` from one revision to another, as git prints it. */
  async diff(from: string, to: string, path: string): Promise<string> {
    assertCommitSha(from);
    assertCommitSha(to);
    const root = repositoryPath(path);
    return this.clone.exclusive(async () => {
      await this.ensureCommits(from, to);
      return this.clone
        .git()
        .raw([
          'diff',
          '--no-color',
          '--no-ext-diff',
          from,
          to,
          '--',
          root || '.',
        ]);
    });
  }

  /**
   * Author, subject and the value of one trailer of a commit (for deployments pushed straight
   * to the branch, and to tell them from Juanie's own).
   */
  async commitInfo(
    commit: string,
    trailerKey = 'Juanie-Deployment-Id',
  ): Promise<{
    author: string;
    email: string;
    subject: string;
    trailer: string;
  }> {
    assertTrailerKey(trailerKey);
    assertCommitSha(commit);
    return this.clone.exclusive(async () => {
      await this.ensureCommits(commit);
      const format = `--format=%an%x00%ae%x00%s%x00%(trailers:key=${trailerKey},valueonly,separator=%x2c)`;
      const [author, email, subject, trailer] = (
        await this.clone.git().raw(['log', '-1', format, commit])
      )
        .trim()
        .split('\0');
      return { author, email, subject, trailer: (trailer ?? '').trim() };
    });
  }

  /** The parent of a commit (the state a deployment commit changed). */
  async parentOf(commit: string): Promise<string> {
    assertCommitSha(commit);
    return this.clone.exclusive(async () => {
      await this.ensureCommits(commit);
      return (await this.clone.git().raw(['rev-parse', `${commit}^`])).trim();
    });
  }

  /** The newest commit on the branch whose trailer `key` has `value`, if any. */
  async findCommitByTrailer(
    branch: string,
    key: string,
    value: string,
  ): Promise<string | undefined> {
    assertBranchName(branch);
    assertTrailerKey(key);
    if (/[\n\r\0]/.test(value))
      throw new InputError('A trailer value is a single line');
    return this.clone.exclusive(async () => {
      await this.clone.fetch(branch);
      const log = await this.clone
        .git()
        .raw([
          'log',
          '--fixed-strings',
          `--grep=${key}: ${value}`,
          `--format=%H%x00%(trailers:key=${key},valueonly,separator=%x00)%x1e`,
          `refs/remotes/origin/${branch}`,
          '--',
        ]);
      for (const record of log.split('\x1e')) {
        const [sha, ...values] = record.trim().split('\0');
        if (sha && values.some(v => v.trim() === value.trim())) return sha;
      }
      return undefined;
    });
  }

  /** Whether `commit` is `descendant` or one of its ancestors (Flux may skip commits). */
  async isAncestor(commit: string, descendant: string): Promise<boolean> {
    assertCommitSha(commit);
    assertCommitSha(descendant);
    return this.clone.exclusive(async () => {
      await this.ensureCommits(commit, descendant);
      try {
        await this.clone
          .git()
          .raw(['merge-base', '--is-ancestor', commit, descendant]);
        return true;
      } catch (error) {
        if (
          error instanceof GitError &&
          error.message.startsWith('exit code 1:')
        )
          return false;
        throw error;
      }
    });
  }

  /** Fetches everything when one of the commits is not in the clone yet; 404 if still absent. */
  private async ensureCommits(...commits: string[]): Promise<void> {
    await this.clone.ensureClone();
    if (await this.clone.hasCommits(...commits)) return;
    await this.clone.fetchAll();
    if (!(await this.clone.hasCommits(...commits))) {
      throw new NotFoundError(
        `Commit ${commits.join(' or ')} is not in ${this.clone.displayUrl}`,
      );
    }
  }

  /** The path's files and its bases'; the path's own symbolic links go to `links`. */
  private async readEnvironment(
    revision: string,
    root: string,
    links?: string[],
  ): Promise<Record<string, string>> {
    const found: string[] = [];
    const files = await readEnvironmentFiles(root, under =>
      this.clone.readTree(revision, under, under === root ? found : undefined),
    );
    links?.push(...found.map(link => posix.relative(root || '.', link)));
    return files;
  }
}
