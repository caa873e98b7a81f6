import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  gitRemoteGuardFromConfig,
  readJuaniePaths,
  RemoteCallGuard,
} from '@juanie/plugin-juanie-node';

/**
 * The back end's rules for git remotes (tenancy rule 3), for the scaffolder's own git calls:
 * hosts of integrations or `juanie.repositories.allowedHosts`, no private addresses unless
 * `juanie.repositories.allowPrivateAddresses`, no credentials in URLs, and
 * `juanie.git.timeoutSeconds`. `file://` is allowed under the directories the scaffolder may
 * create repositories in and those the back end connects them from (the GitOps repository of
 * a project, which the back end checked and claimed).
 */
export function scaffolderGitGuard(
  config: Config,
  logger: LoggerService,
): RemoteCallGuard {
  const paths = readJuaniePaths(config);
  return gitRemoteGuardFromConfig(
    config,
    [...paths.localRepositoryRoots, ...paths.repositoryLocalRoots],
    ScmIntegrations.fromConfig(config),
    logger,
  );
}
