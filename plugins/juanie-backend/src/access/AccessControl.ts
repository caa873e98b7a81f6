import { BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/** Asks Backstage's permission framework; Juanie never decides a permission by itself. */
export class AccessControl {
  constructor(private readonly permissions: PermissionsService) {}

  /** True when the caller holds the permission (on the resource, for resource permissions). */
  async can(
    credentials: BackstageCredentials,
    permission: BasicPermission | ResourcePermission,
    resourceRef?: string,
  ): Promise<boolean> {
    const [decision] =
      permission.type === 'resource'
        ? await this.permissions.authorize([{ permission, resourceRef: resourceRef! }], {
            credentials,
          })
        : await this.permissions.authorize([{ permission }], { credentials });
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** Throws a 403 that says what was refused unless the caller holds the permission. */
  async require(
    credentials: BackstageCredentials,
    permission: BasicPermission | ResourcePermission,
    resourceRef?: string,
  ): Promise<void> {
    if (!(await this.can(credentials, permission, resourceRef))) {
      const on = resourceRef ? ` on ${resourceRef}` : '';
      throw new NotAllowedError(`You do not have permission ${permission.name}${on}`);
    }
  }
}
