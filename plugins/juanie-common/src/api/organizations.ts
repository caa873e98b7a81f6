import { z } from 'zod';
import { ORG_ROLES, OrgRole, TEAM_ROLES, TeamRole } from '../roles';
import { descriptionSchema, slugSchema, titleSchema, userRefSchema } from './common';

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
export interface Organization {
  slug: string;
  title: string;
  description: string;
  quota: QuotaLimits;
  createdAt: string;
  updatedAt: string;
  /** The caller's own role, if they are a member. */
  myRole?: OrgRole;
}

/** `GET /orgs/{org}/quota`. @public */
export interface OrganizationQuota {
  limits: QuotaLimits;
  usage: {
    projects: number;
    members: number;
    /** The largest number of environments any one project has. */
    maxEnvironmentsInAProject: number;
  };
}

/** `POST /orgs/{org}/members`. @public */
export const addOrgMemberSchema = z
  .object({ userRef: userRefSchema, role: z.enum(ORG_ROLES) })
  .strict();
/** @public */
export type AddOrgMemberRequest = z.input<typeof addOrgMemberSchema>;

/** `PATCH /orgs/{org}/members/{userRef}`. @public */
export const updateOrgMemberSchema = z.object({ role: z.enum(ORG_ROLES) }).strict();

/** @public */
export interface OrgMember {
  userRef: string;
  role: OrgRole;
  createdAt: string;
}

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
export interface Team {
  org: string;
  slug: string;
  title: string;
  description: string;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}

/** `POST /orgs/{org}/teams/{team}/members`. @public */
export const addTeamMemberSchema = z
  .object({ userRef: userRefSchema, role: z.enum(TEAM_ROLES) })
  .strict();

/** `PATCH /orgs/{org}/teams/{team}/members/{userRef}`. @public */
export const updateTeamMemberSchema = z.object({ role: z.enum(TEAM_ROLES) }).strict();

/** @public */
export interface TeamMember {
  userRef: string;
  role: TeamRole;
  createdAt: string;
}
