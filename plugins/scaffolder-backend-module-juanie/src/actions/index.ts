import {
  DiscoveryService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { JuanieServiceClient } from '@juanie/plugin-juanie-node';
import { gitAuthorizationFor } from '@juanie/plugin-juanie-node';
import { scaffolderGitGuard } from '../git/remoteGuard';
import { bootstrapGitOpsAction } from './bootstrapGitOpsAction';
import { connectRepositoryAction } from './connectRepositoryAction';
import { createEnvironmentAction } from './createEnvironmentAction';
import { createProjectAction } from './createProjectAction';
import { InitiatorAccess } from './InitiatorAccess';
import { publishGitAction } from './publishGitAction';
import { registerWebhookAction } from './registerWebhookAction';
import { templateParametersAction } from './templateParametersAction';

/** Every `juanie:*` scaffolder action, wired to Juanie's API and the integrations config. */
export function juanieActions(deps: {
  client: JuanieServiceClient;
  /** Asked with the credentials of the person who runs the template. */
  permissions: PermissionsService;
  config: Config;
  discovery: DiscoveryService;
  catalog: CatalogService;
  /** Where git's own output of a failed remote call goes. */
  logger: LoggerService;
}) {
  const { client, config, discovery, catalog } = deps;
  const authorization = gitAuthorizationFor(config);
  const access = new InitiatorAccess(deps.permissions);
  const guard = scaffolderGitGuard(config, deps.logger);
  return [
    createProjectAction({ client, access }),
    createEnvironmentAction(client),
    connectRepositoryAction(client),
    bootstrapGitOpsAction({ client, access, authorization, guard }),
    publishGitAction({ config, access, authorization, client, guard }),
    registerWebhookAction({ config, discovery, client, access }),
    templateParametersAction({ catalog }),
  ];
}
