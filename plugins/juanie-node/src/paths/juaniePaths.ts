import { RootConfigService } from '@backstage/backend-plugin-api';
import os from 'node:os';
import path from 'node:path';

/**
 * Juanie's configured directories, each an absolute path.
 *
 * @public
 */
export interface JuaniePaths {
  /** `juanie.dataDir`: where Juanie keeps files of its own; none when not configured. */
  dataDir?: string;
  /**
   * `juanie.gitops.cacheDir`: this replica's cached clones of GitOps repositories (and the
   * simulated cluster's, in `simulator-<cluster>` under it). Default: `<tmp>/juanie-gitops`.
   */
  gitopsCacheDir: string;
  /**
   * `juanie.demo.gitopsRepositoryDir`: the demo project's bare GitOps repository. Default:
   * `gitops/shop.git` under the data directory, else `<tmp>/juanie-demo/shop.git`.
   */
  demoGitOpsRepositoryDir: string;
  /**
   * `juanie.scaffolder.localRepositoryRoots`: where scaffolder actions may create bare
   * repositories on this machine. Default: the data directory alone, else none.
   */
  localRepositoryRoots: string[];
  /**
   * `juanie.repositories.localRoots`: the directories under which `file://` repositories may
   * be connected to projects (each only by the organisation it was created for). Default none.
   */
  repositoryLocalRoots: string[];
}

/**
 * Reads Juanie's directories from config and makes every one of them absolute, relative to
 * `cwd` (default: the process's working directory at the time of the call).
 *
 * Call it once, when the plugin or module starts, and hand the result on. Git runs with
 * other working directories than the code that reads or renames its results, so a relative
 * path must never get as far as a git command: `../../data` from `packages/backend` (what
 * app-config.yaml gives `yarn start`) would name another directory for every command that
 * runs elsewhere.
 *
 * @public
 */
export function readJuaniePaths(
  config: RootConfigService,
  options: { cwd?: string } = {},
): JuaniePaths {
  const cwd = options.cwd ?? process.cwd();
  const absolute = (dir: string) => path.resolve(cwd, dir);
  const optional = (key: string) => {
    const value = config.getOptionalString(key);
    return value ? absolute(value) : undefined;
  };

  const dataDir = optional('juanie.dataDir');
  return {
    dataDir,
    gitopsCacheDir:
      optional('juanie.gitops.cacheDir') ??
      path.join(os.tmpdir(), 'juanie-gitops'),
    demoGitOpsRepositoryDir:
      optional('juanie.demo.gitopsRepositoryDir') ??
      (dataDir
        ? path.join(dataDir, 'gitops', 'shop.git')
        : path.join(os.tmpdir(), 'juanie-demo', 'shop.git')),
    localRepositoryRoots: (
      config.getOptionalStringArray('juanie.scaffolder.localRepositoryRoots') ??
      (dataDir ? [dataDir] : [])
    ).map(absolute),
    repositoryLocalRoots: (
      config.getOptionalStringArray('juanie.repositories.localRoots') ?? []
    ).map(absolute),
  };
}
