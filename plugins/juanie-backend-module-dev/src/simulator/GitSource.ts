import fs from 'node:fs/promises';
import { resolve } from 'node:path';
import { GitClone } from '@juanie/plugin-juanie-node';
import { assertBranchName } from '@juanie/plugin-juanie-node';
import { readEnvironmentFiles } from '@juanie/plugin-juanie-node';

/**
 * The git side of the simulated controllers, with real git: `git ls-remote` for the commit
 * a branch points at (what source-controller polls), and one cached clone per repository
 * URL to read a path at a commit (what kustomize-controller builds from). Commands run
 * through {@link GitClone}, so with an isolated environment and no machine configuration.
 */
export class GitSource {
  private readonly clones = new Map<string, GitClone>();
  private readonly cacheDir: string;

  constructor(cacheDir: string) {
    // git runs in this directory: a relative path would be read twice over.
    this.cacheDir = resolve(cacheDir);
  }

  /** The commit `branch` of `url` points at now. */
  async resolveBranch(url: string, branch: string): Promise<string> {
    assertBranchName(branch);
    await fs.mkdir(this.cacheDir, { recursive: true });
    const ref = `refs/heads/${branch}`;
    const output = await this.clone(url)
      .git(this.cacheDir)
      .raw(['ls-remote', '--heads', '--', url, ref]);
    const sha = output
      .split('\n')
      .map(line => line.split('\t'))
      .find(([, name]) => name === ref)?.[0];
    if (!sha) throw new Error(`couldn't find remote ref "${ref}"`);
    return sha;
  }

  /**
   * The YAML files a Kustomization path (a repository path) builds from at `commit`: the path's own files and
   * those of the bases it refers to, keyed relative to the path (`../base/deployment.yaml`).
   */
  async readPath(
    url: string,
    branch: string,
    commit: string,
    path: string,
  ): Promise<Record<string, string>> {
    const clone = this.clone(url);
    return clone.exclusive(async () => {
      await clone.ensureClone();
      if (!(await clone.hasCommits(commit))) await clone.fetch(branch);
      return readEnvironmentFiles(path, p => clone.readTree(commit, p));
    });
  }

  /**
   * A chart directory of the repository at `commit`, as source-controller packages it: its
   * YAML files keyed relative to the directory (none when it does not exist), and its
   * `values.schema.json` when it has one.
   */
  async readChart(
    url: string,
    branch: string,
    commit: string,
    directory: string,
  ): Promise<{ files: Record<string, string>; schema?: string }> {
    const clone = this.clone(url);
    return clone.exclusive(async () => {
      await clone.ensureClone();
      if (!(await clone.hasCommits(commit))) await clone.fetch(branch);
      const prefix = directory ? `${directory}/` : '';
      const tree = await clone.readTree(commit, directory);
      const files = Object.fromEntries(
        Object.entries(tree)
          .filter(([file]) => file.startsWith(prefix))
          .map(([file, text]) => [file.slice(prefix.length), text]),
      );
      const schema = await clone
        .git()
        .raw(['cat-file', 'blob', `${commit}:${prefix}values.schema.json`])
        .catch(() => undefined);
      return { files, schema };
    });
  }

  private clone(url: string): GitClone {
    let clone = this.clones.get(url);
    if (!clone) {
      clone = new GitClone({
        url,
        cacheDir: this.cacheDir,
        committer: {
          name: 'Flux simulator',
          email: 'flux-simulator@juanie.invalid',
        },
      });
      this.clones.set(url, clone);
    }
    return clone;
  }
}
