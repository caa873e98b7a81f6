import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readJuaniePaths } from '@juanie/plugin-juanie-node';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where bare repositories on this machine may be pushed to and created: under
 * `juanie.scaffolder.localRepositoryRoots`, or under `juanie.dataDir` when that is not set.
 * Template parameters choose the path, so they must not reach anywhere the backend can write.
 * A relative path is read from the first of those directories (e.g. `scaffolded/web.git` under
 * the data directory), so templates need not know where the backend keeps its data.
 */
export class LocalRepositories {
  static fromConfig(config: Config): LocalRepositories {
    return new LocalRepositories(readJuaniePaths(config).localRepositoryRoots);
  }

  /** `roots` are absolute (see readJuaniePaths). */
  constructor(private readonly roots: string[]) {}

  /** Whether a remote URL names a repository on this machine. */
  static isLocalUrl(url: string): boolean {
    return url.startsWith('file://');
  }

  /** The absolute directory and `file://` URL of a local path or URL, once it is allowed. */
  resolve(pathOrUrl: string): { dir: string; url: string } {
    const dir = LocalRepositories.isLocalUrl(pathOrUrl)
      ? fileURLToPath(pathOrUrl)
      : path.resolve(this.roots[0] ?? '.', pathOrUrl);
    const allowed = this.roots.some(
      root => dir === root || dir.startsWith(`${root}${path.sep}`),
    );
    if (!allowed) {
      throw new InputError(
        this.roots.length
          ? `${dir} is outside the directories where local repositories may be written (${this.roots.join(
              ', ',
            )}); choose a path under one of them or add its directory to juanie.scaffolder.localRepositoryRoots`
          : `Local repositories are not enabled: set juanie.scaffolder.localRepositoryRoots (or juanie.dataDir) to the directories where they may be written`,
      );
    }
    return { dir, url: pathToFileURL(dir).href };
  }
}
