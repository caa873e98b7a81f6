import {
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PermissionCriteria,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
  PermissionRule,
} from '@backstage/plugin-permission-node';
import {
  juanieOrganizationResourceRef,
  juanieProjectResourceRef,
} from '@juanie/plugin-juanie-node';
import { ResourceLoader } from './permissionResources';

/** What of a list the caller may see: all of it, none of it, or what matches the criteria. */
export type ListFilter<Q> = { all: true } | { none: true } | { where: PermissionCriteria<Q> };

/**
 * Asks Backstage's permission framework; Juanie never decides a permission by itself.
 * Conditional decisions on Juanie's own resources are evaluated here with the registered
 * rules (as the framework does for batch checks), which saves the permission backend a
 * round trip back to this plugin on every request.
 */
export class AccessControl {
  private readonly authorizers: Record<
    string,
    (decision: PolicyDecision, resource: unknown) => boolean
  >;

  constructor(
    private readonly permissions: PermissionsService,
    registry: PermissionsRegistryService,
    private readonly loaders: Record<string, ResourceLoader>,
  ) {
    type Authorizer = (decision: PolicyDecision, resource: unknown) => boolean;
    this.authorizers = {
      [juanieOrganizationResourceRef.resourceType]: createConditionAuthorizer(
        registry.getPermissionRuleset(juanieOrganizationResourceRef),
      ) as Authorizer,
      [juanieProjectResourceRef.resourceType]: createConditionAuthorizer(
        registry.getPermissionRuleset(juanieProjectResourceRef),
      ) as Authorizer,
    };
  }

  /** True when the caller holds the permission (on the resource, for resource permissions). */
  async can(
    credentials: BackstageCredentials,
    permission: BasicPermission | ResourcePermission,
    resourceRef?: string,
  ): Promise<boolean> {
    if (permission.type !== 'resource') {
      const [decision] = await this.permissions.authorize([{ permission }], { credentials });
      return decision.result === AuthorizeResult.ALLOW;
    }
    if (resourceRef === undefined) {
      const [decision] = await this.permissions.authorizeConditional([{ permission }], {
        credentials,
      });
      return decision.result === AuthorizeResult.ALLOW;
    }
    return (await this.allowedAmong(credentials, permission, [resourceRef])).length > 0;
  }

  /**
   * The refs, of those given, on which the caller holds the resource permission: one policy
   * decision, evaluated on each resource, instead of one request to the policy per ref.
   */
  async allowedAmong(
    credentials: BackstageCredentials,
    permission: ResourcePermission,
    resourceRefs: string[],
  ): Promise<string[]> {
    if (resourceRefs.length === 0) return [];
    const [decision] = await this.permissions.authorizeConditional([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return decision.result === AuthorizeResult.ALLOW ? resourceRefs : [];
    }
    const authorize = this.authorizers[permission.resourceType];
    const load = this.loaders[permission.resourceType];
    if (!authorize || !load) return [];
    const allowed = await Promise.all(
      resourceRefs.map(async ref => authorize(decision, await load(ref))),
    );
    return resourceRefs.filter((_, index) => allowed[index]);
  }

  /**
   * What of a list the caller may see, as the permission policy decides it: everything, nothing,
   * or the policy's conditions turned into queries by the rules' `toQuery` (the list's store
   * turns those into a database filter: see `orgs/organizationFilter.ts`,
   * `projects/projectFilter.ts`). Lists therefore show exactly what the pages then open, whatever
   * policy the portal installs.
   */
  async listFilter<Q>(
    credentials: BackstageCredentials,
    permission: ResourcePermission,
    rules: PermissionRule<any, Q, string>[],
  ): Promise<ListFilter<Q>> {
    const [decision] = await this.permissions.authorizeConditional([{ permission }], { credentials });
    if (decision.result === AuthorizeResult.ALLOW) return { all: true };
    if (decision.result === AuthorizeResult.DENY) return { none: true };
    if (decision.result !== AuthorizeResult.CONDITIONAL) return { none: true };
    return { where: createConditionTransformer(rules)(decision.conditions) as PermissionCriteria<Q> };
  }

  /**
   * Throws the resource's own 404 unless the caller may see it: what a caller cannot see
   * answers exactly as if it did not exist, so its name cannot be probed. A 403 is for what
   * they see but may not do.
   */
  async requireVisible(
    credentials: BackstageCredentials,
    permission: ResourcePermission,
    resourceRef: string,
    notFound: () => Error,
  ): Promise<void> {
    if (!(await this.can(credentials, permission, resourceRef))) throw notFound();
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
