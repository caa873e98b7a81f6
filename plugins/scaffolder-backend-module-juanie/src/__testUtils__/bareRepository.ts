import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isolatedGit } from '../git/isolatedGit';

/** A bare repository on disk, served as a file:// URL. */
export interface BareRepository {
  dir: string;
  url: string;
  /** The files on a branch, by repository path (empty when the branch does not exist). */
  files(branch?: string): Promise<Record<string, string>>;
  /** Subjects of the branch's commits, newest first. */
  log(branch?: string): Promise<string[]>;
  /** `git <args>` in the bare repository. */
  run(...args: string[]): Promise<string>;
  /** Makes the repository refuse every push from now on (a pre-receive hook that says no). */
  refusePushes(reason: string): Promise<void>;
  cleanup(): Promise<void>;
}

/** A temporary directory that the test removes with {@link BareRepository.cleanup} or by hand. */
export const temporaryDirectory = (prefix: string) =>
  fs.mkdtemp(path.join(os.tmpdir(), `juanie-scaffolder-${prefix}-`));

/** A bare repository whose `main` holds the given files (none: an empty repository). */
export async function createBareRepository(
  files: Record<string, string> = {},
): Promise<BareRepository> {
  const root = await temporaryDirectory('repo');
  const dir = path.join(root, 'origin.git');
  const identity = { name: 'Upstream Person', email: 'upstream@example.com' };
  const git = isolatedGit(root, { identity });
  await git.raw(['init', '--quiet', '--bare', '--initial-branch=main', dir]);
  const url = `file://${dir}`;
  if (Object.keys(files).length) {
    const work = path.join(root, 'work');
    await git.raw(['clone', '--quiet', url, work]);
    for (const [file, text] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(work, file)), { recursive: true });
      await fs.writeFile(path.join(work, file), text);
    }
    const workGit = isolatedGit(work, { identity });
    await workGit.raw(['checkout', '--quiet', '-B', 'main']);
    await workGit.raw(['add', '--all']);
    await workGit.raw(['commit', '--quiet', '-m', 'Upstream layout']);
    await workGit.raw(['push', '--quiet', 'origin', 'HEAD:refs/heads/main']);
  }
  const bare = isolatedGit(dir);
  const hasBranch = async (branch: string) =>
    (await bare.raw(['branch', '--list', branch])).trim().length > 0;
  return {
    dir,
    url,
    async files(branch = 'main') {
      if (!(await hasBranch(branch))) return {};
      const names = (await bare.raw(['ls-tree', '-r', '--name-only', branch]))
        .split('\n')
        .filter(Boolean);
      const entries = await Promise.all(
        names.map(
          async name =>
            [name, await bare.raw(['show', `${branch}:${name}`])] as const,
        ),
      );
      return Object.fromEntries(entries);
    },
    async log(branch = 'main') {
      if (!(await hasBranch(branch))) return [];
      return (await bare.raw(['log', '--format=%s', branch]))
        .split('\n')
        .filter(Boolean);
    },
    run: (...args) => bare.raw(args),
    async refusePushes(reason) {
      const hook = path.join(dir, 'hooks', 'pre-receive');
      await fs.writeFile(
        hook,
        `#!/bin/sh\necho ${JSON.stringify(reason)} >&2\nexit 1\n`,
      );
      await fs.chmod(hook, 0o755);
    },
    cleanup: () => fs.rm(root, { recursive: true, force: true }),
  };
}
