import { InputError, NotFoundError } from '@backstage/errors';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { simpleGit, SimpleGit } from 'simple-git';
import {
  cacheDirectoryName,
  GitIdentity,
  repositoryPath,
} from './gitInputs';
import { redactUrl } from '../repositories/RemoteGitError';
import { isYamlFile } from './KustomizeLayout';
import type { RemoteCallGuard } from '../repositories/GitRemoteGuard';

const MAX_FILES = 500;
const locks = new Map<string, Promise<unknown>>();

function pickDefined(
  env: NodeJS.ProcessEnv,
  names: string[],
): Record<string, string> {
  return Object.fromEntries(
    names.filter(n => env[n] !== undefined).map(n => [n, env[n]!]),
  );
}

/** Where and how to keep a clone. */
export interface GitCloneOptions {
  url: string;
  cacheDir: string;
  committer: GitIdentity;
  gitConfig?: Record<string, string>;
  /**
   * The `Authorization` header value for https remotes, asked before every network command
   * (tokens of GitHub apps expire within the hour).
   */
  authorization?: () => Promise<string | undefined>;
  /**
   * Checks the URL before every call to the remote, bounds the call's time and turns its
   * failures into messages without git's output (the back end always gives one).
   */
  guard?: RemoteCallGuard;
}

/** Without a guard (tests of the plumbing alone), remote calls still end: juanie.git.timeoutSeconds' default. */
const DEFAULT_REMOTE_TIMEOUT_MS = 30_000;

/**
 * The git plumbing behind {@link GitOpsWorkingCopy}: one clone per repository URL under the
 * cache directory, every command through simple-git with argument arrays and an isolated
 * environment.
 */
export class GitClone {
  /** The clone's absolute directory. */
  readonly dir: string;
  private readonly cacheDir: string;
  private gitClient?: SimpleGit;

  constructor(private readonly options: GitCloneOptions) {
    // Absolute whatever the caller passed: git runs in other directories than the file
    // system calls here (the clone runs in the cache directory, the rename in the process's).
    this.cacheDir = path.resolve(options.cacheDir);
    this.dir = path.join(this.cacheDir, cacheDirectoryName(options.url));
  }

  /** The URL without credentials, for messages. */
  get displayUrl(): string {
    return redactUrl(this.options.url);
  }

  /** One operation at a time per cached clone within this process. */
  async exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const previous = locks.get(this.dir) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(operation);
    const tail = run.catch(() => undefined);
    locks.set(this.dir, tail);
    try {
      return await run;
    } finally {
      if (locks.get(this.dir) === tail) locks.delete(this.dir);
    }
  }

  git(baseDir = this.dir): SimpleGit {
    if (baseDir === this.dir && this.gitClient) return this.gitClient;
    const client = this.client(baseDir, {});
    if (baseDir === this.dir) this.gitClient = client;
    return client;
  }

  /**
   * git for commands that talk to the remote, after the guard's checks. The `Authorization`
   * header and the guard's settings go in through git's config environment
   * (GIT_CONFIG_COUNT), so they show neither in .git/config nor in the process list.
   */
  private async remoteGit(baseDir = this.dir): Promise<SimpleGit> {
    const { guard } = this.options;
    const settings: Record<string, string> = (await guard?.prepare(this.options.url)) ?? {};
    const header = await this.options.authorization?.();
    if (header) settings['http.extraHeader'] = `Authorization: ${header}`;
    const entries = Object.entries(settings);
    const env: Record<string, string> = { GIT_CONFIG_COUNT: String(entries.length) };
    entries.forEach(([key, value], i) => {
      env[`GIT_CONFIG_KEY_${i}`] = key;
      env[`GIT_CONFIG_VALUE_${i}`] = value;
    });
    return this.client(baseDir, env, guard?.timeoutMs ?? DEFAULT_REMOTE_TIMEOUT_MS);
  }

  /** A call to the remote; its failure as the guard words it, unless `known` recognises it. */
  private async remote<T>(
    call: (git: SimpleGit) => Promise<T>,
    baseDir = this.dir,
    known?: (error: unknown) => T | Error | undefined,
  ): Promise<T> {
    const git = await this.remoteGit(baseDir);
    try {
      return await call(git);
    } catch (error) {
      const recognised = known?.(error);
      if (recognised instanceof Error) throw recognised;
      if (recognised !== undefined) return recognised;
      throw this.options.guard ? this.options.guard.failure(this.options.url, error) : error;
    }
  }

  private client(baseDir: string, extraEnv: Record<string, string>, timeoutMs = 120_000): SimpleGit {
    const config = Object.entries(this.options.gitConfig ?? {}).map(
      ([k, v]) => `${k}=${v}`,
    );
    return simpleGit({
      baseDir,
      config,
      // Stops git when it shows no sign of life for this long (a remote that never answers).
      timeout: { block: timeoutMs },
      // Only our own GIT_CONFIG_GLOBAL=/dev/null below; simple-git's other guards stay on.
      // and GIT_CONFIG_COUNT, which only remoteGit sets, to carry the Authorization header.
      unsafe: { allowUnsafeConfigPaths: true, allowUnsafeConfigEnvCount: true },
      // simple-git ignores a failing exit code when git printed nothing; every failure counts here.
      errors: (error, result) =>
        error ??
        (result.exitCode === 0
          ? undefined
          : Buffer.from(
              `exit code ${result.exitCode}: ${Buffer.concat([
                ...result.stdOut,
                ...result.stdErr,
              ])}`,
            )),
    }).env({
      // A minimal environment: the host's git configuration (signing, hooks, credential
      // prompts) and variables such as EDITOR or PAGER must not leak into these commands.
      ...pickDefined(process.env, ['PATH', 'HOME', 'TMPDIR', 'SSH_AUTH_SOCK']),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      GIT_LITERAL_PATHSPECS: '1',
      GIT_COMMITTER_NAME: this.options.committer.name,
      GIT_COMMITTER_EMAIL: this.options.committer.email,
      LC_ALL: 'C',
      ...extraEnv,
    });
  }

  async ensureClone(): Promise<void> {
    const hasClone = await fs.stat(path.join(this.dir, '.git')).then(
      () => true,
      () => false,
    );
    if (hasClone) {
      const origin = await this.git()
        .raw(['config', '--get', 'remote.origin.url'])
        .catch(() => '');
      if (origin.trim() === this.options.url) return;
      await fs.rm(this.dir, { recursive: true, force: true });
    }
    // Clone beside the final place and rename, so a crash never leaves a half clone in use.
    await fs.mkdir(this.cacheDir, { recursive: true });
    const temporary = `${this.dir}.clone-${randomBytes(6).toString('hex')}`;
    try {
      await this.remote(
        git => git.raw(['clone', '--no-checkout', '--quiet', '--', this.options.url, temporary]),
        this.cacheDir,
      );
      await fs.rename(temporary, this.dir);
    } finally {
      await fs.rm(temporary, { recursive: true, force: true });
    }
  }

  async fetch(branch: string): Promise<void> {
    await this.ensureClone();
    await this.remote(
      git =>
        git.raw(['fetch', '--prune', '--no-tags', 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`]),
      this.dir,
      error =>
        String(error).includes("couldn't find remote ref")
          ? new NotFoundError(`Branch ${branch} does not exist in ${this.displayUrl}`)
          : undefined,
    );
  }

  /** Fetches every branch (a commit to look up may be on any of them). */
  async fetchAll(): Promise<void> {
    await this.remote(git =>
      git.raw(['fetch', '--prune', '--no-tags', 'origin', '+refs/heads/*:refs/remotes/origin/*']),
    );
  }

  async head(branch: string): Promise<string> {
    return (
      await this.git().raw([
        'rev-parse',
        '--verify',
        `refs/remotes/origin/${branch}^{commit}`,
      ])
    ).trim();
  }

  async resolveCommit(commit: string): Promise<string> {
    try {
      return (
        await this.git().raw([
          'rev-parse',
          '--verify',
          '--quiet',
          `${commit}^{commit}`,
        ])
      ).trim();
    } catch {
      throw new InputError(
        `Base revision ${commit} is not in ${this.displayUrl}`,
      );
    }
  }

  async hasCommits(...commits: string[]): Promise<boolean> {
    for (const commit of commits) {
      const found = await this.git()
        .raw(['rev-parse', '--verify', '--quiet', `${commit}^{commit}`])
        .catch(() => '');
      if (!found.trim()) return false;
    }
    return true;
  }

  /** Discards anything a crashed run left behind: the branch is exactly origin's. */
  async resetTo(branch: string): Promise<void> {
    await this.git().raw([
      'checkout',
      '--quiet',
      '-f',
      '-B',
      branch,
      `refs/remotes/origin/${branch}`,
    ]);
    await this.git().raw(['clean', '-ffdxq']);
  }

  /**
   * YAML blobs under a path at a revision, read from git objects. Symbolic links are not read;
   * their paths are added to `links` when given.
   */
  async readTree(
    revision: string,
    under: string,
    links?: string[],
  ): Promise<Record<string, string>> {
    const args = [
      'ls-tree',
      '-r',
      '-z',
      '--full-tree',
      revision,
      ...(under ? ['--', under] : []),
    ];
    const entries = (await this.git().raw(args)).split('\0').filter(Boolean);
    const files: Record<string, string> = {};
    for (const entry of entries) {
      const [meta, file] = entry.split('\t');
      const [mode, type, sha] = meta.split(' ');
      if (under && file !== under && !file.startsWith(`${under}/`)) continue;
      if (type === 'blob' && mode === '120000') links?.push(file);
      if (type !== 'blob' || mode === '120000' || !isYamlFile(file)) continue;
      if (Object.keys(files).length >= MAX_FILES)
        throw new InputError(
          `${under || 'The repository'} has more than ${MAX_FILES} YAML files`,
        );
      files[file] = await this.git().raw(['cat-file', 'blob', sha]);
    }
    return files;
  }

  async writeFiles(root: string, files: Record<string, string>): Promise<void> {
    const paths: string[] = [];
    for (const [relative, text] of Object.entries(files)) {
      const file = repositoryPath(path.posix.join(root, relative));
      if (root && !file.startsWith(`${root}/`))
        throw new InputError(`${relative} is outside ${root}`);
      await this.assertNoSymlink(file);
      await fs.mkdir(path.dirname(path.join(this.dir, file)), {
        recursive: true,
      });
      await fs.writeFile(path.join(this.dir, file), text, 'utf8');
      paths.push(file);
    }
    if (paths.length > 0) await this.git().raw(['add', '--', ...paths]);
  }

  /** Removes files (relative to `root`) from the work tree and the index. */
  async removeFiles(root: string, relatives: string[]): Promise<void> {
    const paths = relatives.map(relative => {
      const file = repositoryPath(path.posix.join(root, relative));
      if (root && !file.startsWith(`${root}/`))
        throw new InputError(`${relative} is outside ${root}`);
      return file;
    });
    if (paths.length > 0) await this.git().raw(['rm', '--quiet', '--', ...paths]);
  }

  /** A symlinked directory in the repository could point a write outside of it. */
  private async assertNoSymlink(file: string): Promise<void> {
    const parts = file.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const stat = await fs
        .lstat(path.join(this.dir, ...parts.slice(0, i)))
        .catch(() => undefined);
      if (!stat) return;
      if (stat.isSymbolicLink())
        throw new InputError(`${file} goes through a symbolic link`);
    }
  }

  /** Commits the index; a change with nothing to write still gets its own (empty) commit. */
  async commit(message: string, author: string): Promise<string> {
    await this.git().raw([
      'commit',
      '--quiet',
      '--no-verify',
      '--allow-empty',
      `--author=${author}`,
      '-m',
      message,
    ]);
    return (await this.git().raw(['rev-parse', 'HEAD'])).trim();
  }

  /** Pushes HEAD; false when the branch moved since the fetch (to be retried). */
  async push(branch: string): Promise<boolean> {
    return this.remote(
      async git => {
        await git.raw(['push', '--porcelain', 'origin', `HEAD:refs/heads/${branch}`]);
        return true;
      },
      this.dir,
      error =>
        /\[rejected\]|non-fast-forward|fetch first|cannot lock ref|failed to update ref|incorrect old value/.test(
          String(error),
        )
          ? false
          : undefined,
    );
  }
}
