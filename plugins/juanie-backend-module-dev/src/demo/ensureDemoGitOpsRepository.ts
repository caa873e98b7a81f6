import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { simpleGit } from 'simple-git';
import { SHOP_GITOPS_FILES } from './shopGitOpsFiles';

const AUTHOR = { name: 'Acme Platform', email: 'platform@acme.example' };
const MESSAGE = `Add the shop storefront: Kustomize base and dev, staging and prod overlays`;

/** git as Acme Platform, untouched by the host's git configuration. */
function git(baseDir: string) {
  return simpleGit({ baseDir, unsafe: { allowUnsafeConfigPaths: true } }).env({
    PATH: process.env.PATH ?? '',
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: AUTHOR.name,
    GIT_AUTHOR_EMAIL: AUTHOR.email,
    GIT_COMMITTER_NAME: AUTHOR.name,
    GIT_COMMITTER_EMAIL: AUTHOR.email,
    LC_ALL: 'C',
  });
}

const exists = (dir: string) =>
  fs.stat(dir).then(
    () => true,
    () => false,
  );

/**
 * Creates the demo project's bare GitOps repository at `dir`, with the storefront's layout as
 * one commit on `main`, unless something is there already (an earlier start, or a repository
 * put there on purpose), which is left as it is. Returns its `file://` URL.
 */
export async function ensureDemoGitOpsRepository(dir: string): Promise<{ url: string; created: boolean }> {
  const url = pathToFileURL(dir).href;
  if (await exists(dir)) return { url, created: false };

  // Built beside its final place and renamed, so that a crash never leaves a half-made
  // repository that the next start would take for a finished one.
  const parent = path.dirname(dir);
  await fs.mkdir(parent, { recursive: true });
  const temporary = path.join(parent, `.${path.basename(dir)}-${randomBytes(6).toString('hex')}`);
  const bare = path.join(temporary, 'bare.git');
  const work = path.join(temporary, 'work');
  try {
    await fs.mkdir(temporary);
    await git(temporary).raw(['init', '--quiet', '--bare', '--initial-branch=main', bare]);
    await git(temporary).raw(['init', '--quiet', '--initial-branch=main', work]);
    for (const [file, text] of Object.entries(SHOP_GITOPS_FILES)) {
      await fs.mkdir(path.dirname(path.join(work, file)), { recursive: true });
      await fs.writeFile(path.join(work, file), text);
    }
    await git(work).raw(['add', '--all']);
    await git(work).raw(['commit', '--quiet', '--message', MESSAGE]);
    await git(work).raw(['push', '--quiet', bare, 'HEAD:refs/heads/main']);
    // Fails loudly when the push left no main branch behind.
    await git(bare).raw(['rev-parse', '--verify', 'refs/heads/main']);
    await fs.rename(bare, dir).catch(async error => {
      // Another process (a second replica) got there first: its repository is as good.
      if (!(await exists(dir))) throw error;
    });
  } finally {
    await fs.rm(temporary, { recursive: true, force: true });
  }
  return { url, created: true };
}
