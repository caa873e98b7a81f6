import {
  createConditionExports,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  isOrgRoleAtLeast,
  isProjectRoleAtLeast,
  ORG_ROLES,
  PROJECT_ROLES,
} from '@juanie/plugin-juanie-common';
import { z } from 'zod';
import { juanieOrganizationResourceRef, juanieProjectResourceRef } from './resources';

const claimsSchema = z
  .array(z.string())
  .describe('Entity refs of the caller: their user ref and ownership refs');

/** The caller holds at least the given role in the organisation. @public */
export const hasOrganizationRole = createPermissionRule({
  name: 'HAS_ORGANIZATION_ROLE',
  description: 'Allow callers who hold at least the given role in the organisation',
  resourceRef: juanieOrganizationResourceRef,
  paramsSchema: z.object({ claims: claimsSchema, minimumRole: z.enum(ORG_ROLES) }),
  apply: (resource, { claims, minimumRole }) =>
    resource.roles.some(
      ({ principalRef, role }) =>
        claims.includes(principalRef) && isOrgRoleAtLeast(role, minimumRole),
    ),
  toQuery: params => params,
});

/** The caller's effective project role is at least the given one. @public */
export const hasProjectRole = createPermissionRule({
  name: 'HAS_PROJECT_ROLE',
  description:
    'Allow callers whose effective role on the project (direct, through a team, or as organisation owner/admin) is at least the given one',
  resourceRef: juanieProjectResourceRef,
  paramsSchema: z.object({ claims: claimsSchema, minimumRole: z.enum(PROJECT_ROLES) }),
  apply: (resource, { claims, minimumRole }) =>
    resource.roles.some(
      ({ principalRef, role }) =>
        claims.includes(principalRef) && isProjectRoleAtLeast(role, minimumRole),
    ),
  toQuery: params => params,
});

/** Conditions for permission policies on organisation permissions. @public */
export const {
  conditions: juanieOrganizationConditions,
  createConditionalDecision: createJuanieOrganizationConditionalDecision,
} = createConditionExports({
  resourceRef: juanieOrganizationResourceRef,
  rules: { hasOrganizationRole },
});

/** Conditions for permission policies on project permissions. @public */
export const {
  conditions: juanieProjectConditions,
  createConditionalDecision: createJuanieProjectConditionalDecision,
} = createConditionExports({
  resourceRef: juanieProjectResourceRef,
  rules: { hasProjectRole },
});
