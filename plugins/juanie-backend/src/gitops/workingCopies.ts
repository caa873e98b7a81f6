import { Config } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import { JuaniePaths } from '@juanie/plugin-juanie-node';
import { gitAuthorizationFor } from './gitCredentials';
import { GitOpsWorkingCopy } from './GitOpsWorkingCopy';

/**
 * One cached working copy per repository URL for this process. The cache directory must not
 * be shared by two running replicas (`juanie.gitops.cacheDir`).
 */
export function createWorkingCopies(
  config: Config,
  { gitopsCacheDir: cacheDir }: Pick<JuaniePaths, 'gitopsCacheDir'>,
  logger: LoggerService,
  beforePush?: () => Promise<void>,
) {
  const committer = {
    name: config.getOptionalString('juanie.gitops.committer.name') ?? 'Juanie',
    email:
      config.getOptionalString('juanie.gitops.committer.email') ??
      'juanie@localhost',
  };
  const authorizationFor = gitAuthorizationFor(config);
  const copies = new Map<string, GitOpsWorkingCopy>();
  return (url: string): GitOpsWorkingCopy => {
    let copy = copies.get(url);
    if (!copy) {
      copy = new GitOpsWorkingCopy({
        url,
        cacheDir,
        committer,
        logger,
        beforePush,
        authorization: authorizationFor(url),
      });
      copies.set(url, copy);
    }
    return copy;
  };
}
