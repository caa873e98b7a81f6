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
  toQuery: ({ claims, minimumRole }) => ({ rule: 'HAS_ORGANIZATION_ROLE', claims, minimumRole }),
});

/** The organisation is one of the given ones, by slug (for policies that single some out). @public */
export const isOrganization = createPermissionRule({
  name: 'IS_ORGANIZATION',
  description: 'Match organisations by slug',
  resourceRef: juanieOrganizationResourceRef,
  paramsSchema: z.object({ slugs: z.array(z.string()).describe('Organisation slugs') }),
  apply: (resource, { slugs }) => slugs.includes(resource.org),
  toQuery: ({ slugs }) => ({ rule: 'IS_ORGANIZATION', slugs }),
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
  toQuery: ({ claims, minimumRole }) => ({ rule: 'HAS_PROJECT_ROLE', claims, minimumRole }),
});

/** The project is one of the given ones, by `<org>/<project>` (for policies that single some out). @public */
export const isProject = createPermissionRule({
  name: 'IS_PROJECT',
  description: 'Match projects by their ref, <org>/<project>',
  resourceRef: juanieProjectResourceRef,
  paramsSchema: z.object({ refs: z.array(z.string()).describe('Project refs, <org>/<project>') }),
  apply: (resource, { refs }) => refs.includes(`${resource.org}/${resource.project}`),
  toQuery: ({ refs }) => ({ rule: 'IS_PROJECT', refs }),
});

/** Every rule on organisations, for the permission registry and for turning decisions into queries. @public */
export const juanieOrganizationRules = [hasOrganizationRole, isOrganization];
/** Every rule on projects. @public */
export const juanieProjectRules = [hasProjectRole, isProject];

/** Conditions for permission policies on organisation permissions. @public */
export const {
  conditions: juanieOrganizationConditions,
  createConditionalDecision: createJuanieOrganizationConditionalDecision,
} = createConditionExports({
  resourceRef: juanieOrganizationResourceRef,
  rules: { hasOrganizationRole, isOrganization },
});

/** Conditions for permission policies on project permissions. @public */
export const {
  conditions: juanieProjectConditions,
  createConditionalDecision: createJuanieProjectConditionalDecision,
} = createConditionExports({
  resourceRef: juanieProjectResourceRef,
  rules: { hasProjectRole, isProject },
});
