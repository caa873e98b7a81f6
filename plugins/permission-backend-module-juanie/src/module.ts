import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Config } from '@backstage/config';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { JuaniePermissionPolicy } from './JuaniePermissionPolicy';

/** The config key of the decision for permissions that are not Juanie's. */
const OTHER_PERMISSIONS_KEY = 'juanie.permissionPolicy.otherPermissions';

/**
 * The policy for every permission that is not Juanie's, as the platform team configured it;
 * without a choice the module does not start.
 */
export function otherPermissionsPolicy(config: Config): PermissionPolicy {
  const other = config.getOptionalString(OTHER_PERMISSIONS_KEY);
  if (other !== 'allow' && other !== 'deny') {
    throw new Error(
      `Set ${OTHER_PERMISSIONS_KEY} to 'allow' or 'deny': it decides every permission that is not Juanie's (catalog, scaffolder, other plugins) while this module is the portal's policy`,
    );
  }
  const result = other === 'allow' ? AuthorizeResult.ALLOW : AuthorizeResult.DENY;
  return { handle: async () => ({ result }) };
}

/**
 * Installs Juanie's role matrix as the portal's permission policy. What it decides for the
 * permissions of other plugins is the platform team's explicit choice
 * (`juanie.permissionPolicy.otherPermissions`: `allow` or `deny`), never a silent allow; adopters
 * with a policy of their own compose `JuaniePermissionPolicy` in front of it instead of
 * installing this module.
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
            fallback: otherPermissionsPolicy(config),
          }),
        );
      },
    });
  },
});
