import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { JuaniePermissionPolicy } from './JuaniePermissionPolicy';

/**
 * Installs Juanie's role matrix as the portal's permission policy. Permissions that are not
 * Juanie's are allowed, as create-app's allow-all policy does; adopters with a policy of their
 * own compose `JuaniePermissionPolicy` with it instead of installing this module.
 * @public
 */
export const permissionModuleJuanie = createBackendModule({
  pluginId: 'permission',
  moduleId: 'juanie',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        policy.setPolicy(
          new JuaniePermissionPolicy({
            userInfo,
            platformAdmins:
              config.getOptionalStringArray('juanie.platformAdmins') ?? [],
            fallback: { handle: async () => ({ result: AuthorizeResult.ALLOW }) },
          }),
        );
      },
    });
  },
});
