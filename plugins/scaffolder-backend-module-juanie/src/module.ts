import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { JuanieServiceClient } from '@juanie/plugin-juanie-node';
import { juanieActions } from './actions';

/**
 * Scaffolder actions `juanie:*`, so templates can create Juanie projects, environments and
 * their repositories, publish to any git remote and bootstrap the GitOps layout.
 * @public
 */
export const scaffolderModuleJuanie = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'juanie',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        logger: coreServices.logger,
      },
      async init({
        scaffolder,
        discovery,
        auth,
        permissions,
        config,
        catalog,
        logger,
      }) {
        const client = new JuanieServiceClient({ discovery, auth });
        scaffolder.addActions(
          ...juanieActions({
            client,
            permissions,
            config,
            discovery,
            catalog,
            logger,
          }),
        );
      },
    });
  },
});
