import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** git with a fixed identity and no user or system configuration in the way. */
async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'Juanie Test',
      GIT_AUTHOR_EMAIL: 'test@juanie.invalid',
      GIT_COMMITTER_NAME: 'Juanie Test',
      GIT_COMMITTER_EMAIL: 'test@juanie.invalid',
    },
  });
  return stdout.trim();
}

/** A bare repository on disk, served over `file://`. */
export interface LocalBareRepository {
  url: string;
  defaultBranch: string;
  headCommit: string;
  remove(): Promise<void>;
}

/**
 * Creates a bare repository in a temporary directory whose `main` branch has one commit,
 * pushed from a temporary clone as a developer would.
 */
export async function createBareRepositoryWithCommit(): Promise<LocalBareRepository> {
  const root = await mkdtemp(join(tmpdir(), 'juanie-git-'));
  const bare = join(root, 'shop-gitops.git');
  const clone = join(root, 'clone');
  await git(root, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
  await git(root, 'clone', '--quiet', bare, clone);
  await git(clone, 'symbolic-ref', 'HEAD', 'refs/heads/main');
  await writeFile(join(clone, 'kustomization.yaml'), 'resources: []\n');
  await git(clone, 'add', 'kustomization.yaml');
  await git(clone, 'commit', '--quiet', '-m', 'Start the GitOps repository');
  await git(clone, 'push', '--quiet', 'origin', 'main');
  return {
    url: pathToFileURL(bare).href,
    defaultBranch: 'main',
    headCommit: await git(clone, 'rev-parse', 'HEAD'),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
