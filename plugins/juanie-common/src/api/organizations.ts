import { z } from 'zod';
import { ORG_ROLES, TEAM_ROLES } from '../roles';
import { descriptionSchema, slugSchema, timestampSchema, titleSchema, userRefSchema } from './common';

const quotaLimit = z.number().int().min(0).max(1_000_000).nullable();

/** Limits of an organisation; `null` means unlimited. @public */
export const quotaLimitsSchema = z
  .object({
    maxProjects: quotaLimit,
    maxEnvironmentsPerProject: quotaLimit,
    maxMembers: quotaLimit,
  })
  .partial()
  .strict();

/** @public */
export type QuotaLimits = {
  maxProjects: number | null;
  maxEnvironmentsPerProject: number | null;
  maxMembers: number | null;
};

/** `POST /orgs`. @public */
export const createOrganizationSchema = z
  .object({
    slug: slugSchema,
    title: titleSchema,
    description: descriptionSchema.optional(),
    quota: quotaLimitsSchema.optional(),
  })
  .strict();
/** @public */
export type CreateOrganizationRequest = z.input<typeof createOrganizationSchema>;

/** `PATCH /orgs/{org}`. @public */
export const updateOrganizationSchema = z
  .object({
    title: titleSchema,
    description: descriptionSchema,
    quota: quotaLimitsSchema,
  })
  .partial()
  .strict();
/** @public */
export type UpdateOrganizationRequest = z.input<typeof updateOrganizationSchema>;

/** An organisation as the API answers it. @public */
export const organizationSchema = z.object({
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  quota: z.object({
    maxProjects: z.number().nullable(),
    maxEnvironmentsPerProject: z.number().nullable(),
    maxMembers: z.number().nullable(),
  }),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  /** The caller's own role, if they are a member. */
  myRole: z.enum(ORG_ROLES).optional(),
});
/** @public */
export type Organization = z.infer<typeof organizationSchema>;

/** `GET /orgs/{org}/quota`. @public */
export const organizationQuotaSchema = z.object({
  limits: organizationSchema.shape.quota,
  usage: z.object({
    projects: z.number(),
    members: z.number(),
    /** The largest number of environments any one project has. */
    maxEnvironmentsInAProject: z.number(),
  }),
});
/** @public */
export type OrganizationQuota = z.infer<typeof organizationQuotaSchema>;

/** `POST /orgs/{org}/members`. @public */
export const addOrgMemberSchema = z
  .object({ userRef: userRefSchema, role: z.enum(ORG_ROLES) })
  .strict();
/** @public */
export type AddOrgMemberRequest = z.input<typeof addOrgMemberSchema>;

/** `PATCH /orgs/{org}/members/{userRef}`. @public */
export const updateOrgMemberSchema = z.object({ role: z.enum(ORG_ROLES) }).strict();

/** @public */
export const orgMemberSchema = z.object({
  userRef: z.string(),
  role: z.enum(ORG_ROLES),
  createdAt: timestampSchema,
});
/** @public */
export type OrgMember = z.infer<typeof orgMemberSchema>;

/** `POST /orgs/{org}/teams`. @public */
export const createTeamSchema = z
  .object({
    slug: slugSchema,
    title: titleSchema,
    description: descriptionSchema.optional(),
  })
  .strict();
/** @public */
export type CreateTeamRequest = z.input<typeof createTeamSchema>;

/** `PATCH /orgs/{org}/teams/{team}`. @public */
export const updateTeamSchema = z
  .object({ title: titleSchema, description: descriptionSchema })
  .partial()
  .strict();

/** @public */
export const teamSchema = z.object({
  org: z.string(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  memberCount: z.number(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
/** @public */
export type Team = z.infer<typeof teamSchema>;

/** `POST /orgs/{org}/teams/{team}/members`. @public */
export const addTeamMemberSchema = z
  .object({ userRef: userRefSchema, role: z.enum(TEAM_ROLES) })
  .strict();

/** `PATCH /orgs/{org}/teams/{team}/members/{userRef}`. @public */
export const updateTeamMemberSchema = z.object({ role: z.enum(TEAM_ROLES) }).strict();

/** @public */
export const teamMemberSchema = z.object({
  userRef: z.string(),
  role: z.enum(TEAM_ROLES),
  createdAt: timestampSchema,
});
/** @public */
export type TeamMember = z.infer<typeof teamMemberSchema>;
