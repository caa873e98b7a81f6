import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleGit, SimpleGit } from 'simple-git';
import {
  GitOpsWorkingCopy,
  GitOpsWorkingCopyOptions,
} from '../GitOpsWorkingCopy';
import { diffLines } from './fixtures';

// Tests never depend on the machine's git configuration.
const isolatedEnv = {
  PATH: process.env.PATH ?? '',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
};

/** simple-git in a directory, with `name` as author and committer when given. */
export function isolatedGit(baseDir: string, name?: string): SimpleGit {
  const identity = name
    ? {
        GIT_AUTHOR_NAME: name,
        GIT_AUTHOR_EMAIL: `${name.toLowerCase()}@example.com`,
        GIT_COMMITTER_NAME: name,
        GIT_COMMITTER_EMAIL: `${name.toLowerCase()}@example.com`,
      }
    : {};
  return simpleGit({ baseDir, unsafe: { allowUnsafeConfigPaths: true } }).env({
    ...isolatedEnv,
    ...identity,
  });
}

const git = (baseDir: string) => isolatedGit(baseDir);

/** The +/- lines of a commit, per repository path. */
export async function committedLines(
  repo: BareRepository,
  sha: string,
): Promise<Record<string, string[]>> {
  const show = await repo.run('show', '--format=', sha);
  const sections = show.split(/^diff --git /m).filter(Boolean);
  return Object.fromEntries(
    sections.map(section => [
      / b\/(.+)\n/.exec(section)![1],
      diffLines(section),
    ]),
  );
}

/** A bare repository on disk served as a file:// URL, with a clone to push "upstream" commits. */
export interface BareRepository {
  url: string;
  /** Pushes files (null deletes) as another person would; returns the new commit sha. */
  pushUpstream(
    files: Record<string, string | null>,
    message?: string,
  ): Promise<string>;
  /** `git <args>` in the bare repository. */
  run(...args: string[]): Promise<string>;
  /** A working copy with its own cache directory, as one backend replica would have. */
  workingCopy(
    name: string,
    options?: Partial<GitOpsWorkingCopyOptions>,
  ): GitOpsWorkingCopy;
  cleanup(): Promise<void>;
}

export async function createBareRepository(
  files: Record<string, string>,
): Promise<BareRepository> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'juanie-gitops-'));
  const bare = path.join(root, 'origin.git');
  const upstream = path.join(root, 'upstream');
  const url = `file://${bare}`;
  await git(root).raw([
    'init',
    '--quiet',
    '--bare',
    '--initial-branch=main',
    bare,
  ]);
  await git(root).raw(['clone', '--quiet', url, upstream]);
  const upstreamGit = git(upstream);
  await upstreamGit.raw(['config', 'user.name', 'Upstream Person']);
  await upstreamGit.raw(['config', 'user.email', 'upstream@example.com']);
  await upstreamGit.raw(['checkout', '--quiet', '-B', 'main']);

  const pushUpstream = async (
    changes: Record<string, string | null>,
    message = 'Upstream change',
  ) => {
    await upstreamGit.raw(['fetch', '--quiet', 'origin']);
    const hasMain = (
      await upstreamGit.raw(['branch', '-r', '--list', 'origin/main'])
    ).trim();
    if (hasMain)
      await upstreamGit.raw(['reset', '--quiet', '--hard', 'origin/main']);
    for (const [file, text] of Object.entries(changes)) {
      const absolute = path.join(upstream, file);
      if (text === null) {
        await fs.rm(absolute);
      } else {
        await fs.mkdir(path.dirname(absolute), { recursive: true });
        await fs.writeFile(absolute, text);
      }
    }
    await upstreamGit.raw(['add', '--all']);
    await upstreamGit.raw(['commit', '--quiet', '-m', message]);
    await upstreamGit.raw([
      'push',
      '--quiet',
      'origin',
      'HEAD:refs/heads/main',
    ]);
    return (await upstreamGit.raw(['rev-parse', 'HEAD'])).trim();
  };

  await pushUpstream(files, 'Initial layout');
  return {
    url,
    pushUpstream,
    run: (...args) => git(bare).raw(args),
    workingCopy: (name, options) =>
      new GitOpsWorkingCopy({
        url,
        cacheDir: path.join(root, 'cache', name),
        committer: { name: 'Juanie', email: 'juanie@example.com' },
        ...options,
      }),
    cleanup: () => fs.rm(root, { recursive: true, force: true }),
  };
}
