import { Config } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { gitAuthorizationFor, gitRemoteGuardFromConfig, JuaniePaths } from '@juanie/plugin-juanie-node';
import { GitOpsWorkingCopy } from './GitOpsWorkingCopy';

/**
 * One cached working copy per repository URL and organisation for this process (the
 * organisation decides which integration credentials its calls carry). The cache directory must
 * not be shared by two running replicas (`juanie.gitops.cacheDir`).
 */
export function createWorkingCopies(
  config: Config,
  paths: Pick<JuaniePaths, 'gitopsCacheDir' | 'repositoryLocalRoots'>,
  logger: LoggerService,
) {
  const committer = {
    name: config.getOptionalString('juanie.gitops.committer.name') ?? 'Juanie',
    email:
      config.getOptionalString('juanie.gitops.committer.email') ??
      'juanie@localhost',
  };
  // The same credentials, for the same organisations, as the scaffolder's git calls.
  const authorizationFor = gitAuthorizationFor(config);
  const guard = gitRemoteGuardFromConfig(
    config,
    paths.repositoryLocalRoots,
    ScmIntegrations.fromConfig(config),
    logger,
  );
  const copies = new Map<string, GitOpsWorkingCopy>();
  return (url: string, org: string): GitOpsWorkingCopy => {
    const key = `${org}\n${url}`;
    let copy = copies.get(key);
    if (!copy) {
      copy = new GitOpsWorkingCopy({
        url,
        cacheDir: paths.gitopsCacheDir,
        committer,
        logger,
        authorization: () => authorizationFor(url, org),
        guard,
      });
      copies.set(key, copy);
    }
    return copy;
  };
}
