import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleGit, SimpleGit } from 'simple-git';

// Tests never depend on the machine's git configuration.
const isolatedEnv = {
  PATH: process.env.PATH ?? '',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
};

/** simple-git in a directory, with the machine's git configuration out of the way. */
export function isolatedGit(baseDir: string): SimpleGit {
  return simpleGit({ baseDir, unsafe: { allowUnsafeConfigPaths: true } }).env(isolatedEnv);
}

/** A bare repository on disk served as a file:// URL, with a clone to push "upstream" commits. */
export interface BareRepository {
  url: string;
  /** Pushes files (null deletes) as another person would; returns the new commit sha. */
  pushUpstream(files: Record<string, string | null>, message?: string): Promise<string>;
  /** `git <args>` in the bare repository. */
  run(...args: string[]): Promise<string>;
  cleanup(): Promise<void>;
}

/** What Flux would clone: a bare repository with `files` as its first commit on main. */
export async function createBareRepository(files: Record<string, string>): Promise<BareRepository> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'juanie-dev-gitops-'));
  const bare = path.join(root, 'origin.git');
  const upstream = path.join(root, 'upstream');
  const url = `file://${bare}`;
  await isolatedGit(root).raw(['init', '--quiet', '--bare', '--initial-branch=main', bare]);
  await isolatedGit(root).raw(['clone', '--quiet', url, upstream]);
  const upstreamGit = isolatedGit(upstream);
  await upstreamGit.raw(['config', 'user.name', 'Upstream Person']);
  await upstreamGit.raw(['config', 'user.email', 'upstream@example.com']);
  await upstreamGit.raw(['checkout', '--quiet', '-B', 'main']);

  const pushUpstream = async (changes: Record<string, string | null>, message = 'Upstream change') => {
    await upstreamGit.raw(['fetch', '--quiet', 'origin']);
    const hasMain = (await upstreamGit.raw(['branch', '-r', '--list', 'origin/main'])).trim();
    if (hasMain) await upstreamGit.raw(['reset', '--quiet', '--hard', 'origin/main']);
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
    await upstreamGit.raw(['push', '--quiet', 'origin', 'HEAD:refs/heads/main']);
    return (await upstreamGit.raw(['rev-parse', 'HEAD'])).trim();
  };

  await pushUpstream(files, 'Initial layout');
  return {
    url,
    pushUpstream,
    run: (...args) => isolatedGit(bare).raw(args),
    cleanup: () => fs.rm(root, { recursive: true, force: true }),
  };
}
