import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import {
  JUANIE_ORGANIZATION_RESOURCE_TYPE,
  JUANIE_PROJECT_RESOURCE_TYPE,
  OrgRole,
  ProjectRole,
} from '@juanie/plugin-juanie-common';

/**
 * What permission rules see of an organisation: who is in it and with which role.
 * Members of the organisation's teams and projects count as `member`.
 * @public
 */
export interface JuanieOrganizationResource {
  org: string;
  roles: Array<{ principalRef: string; role: OrgRole }>;
}

/**
 * What permission rules see of a project: every principal with a role on it, directly,
 * through a team, or as owner/admin of the organisation (who count as project owners).
 * @public
 */
export interface JuanieProjectResource {
  org: string;
  project: string;
  roles: Array<{ principalRef: string; role: ProjectRole }>;
}

/**
 * A rule as a query: what a rule's `toQuery` gives, and the back end turns into a database
 * filter, so that lists show exactly what the policy lets the caller read.
 * @public
 */
export type JuanieOrganizationQuery =
  | { rule: 'HAS_ORGANIZATION_ROLE'; claims: string[]; minimumRole: OrgRole }
  | { rule: 'IS_ORGANIZATION'; slugs: string[] };
/** A rule as a query, for filtering lists in the database. @public */
export type JuanieProjectQuery =
  | { rule: 'HAS_PROJECT_ROLE'; claims: string[]; minimumRole: ProjectRole }
  | { rule: 'IS_PROJECT'; refs: string[] };

/** @public */
export const juanieOrganizationResourceRef = createPermissionResourceRef<
  JuanieOrganizationResource,
  JuanieOrganizationQuery
>().with({ pluginId: 'juanie', resourceType: JUANIE_ORGANIZATION_RESOURCE_TYPE });

/** @public */
export const juanieProjectResourceRef = createPermissionResourceRef<
  JuanieProjectResource,
  JuanieProjectQuery
>().with({ pluginId: 'juanie', resourceType: JUANIE_PROJECT_RESOURCE_TYPE });
