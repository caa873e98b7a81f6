import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { JuanieServiceClient } from '@juanie/plugin-juanie-node';
import { createProjectAction } from './actions/createProjectAction';

/**
 * Scaffolder actions `juanie:*`, so templates can create Juanie projects.
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
      },
      async init({ scaffolder, discovery, auth }) {
        const client = new JuanieServiceClient({ discovery, auth });
        scaffolder.addActions(createProjectAction(client));
      },
    });
  },
});
