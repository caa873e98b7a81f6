import { z } from 'zod';
import { PROJECT_ROLES } from '../roles';
import {
  descriptionSchema,
  slugSchema,
  timestampSchema,
  titleSchema,
  userRefSchema,
} from './common';

/** `POST /orgs/{org}/projects`. @public */
export const createProjectSchema = z
  .object({
    slug: slugSchema,
    title: titleSchema,
    description: descriptionSchema.optional(),
  })
  .strict();
/** @public */
export type CreateProjectRequest = z.input<typeof createProjectSchema>;

/** `PATCH /orgs/{org}/projects/{project}`; `archived: true` archives it. @public */
export const updateProjectSchema = z
  .object({
    title: titleSchema,
    description: descriptionSchema,
    archived: z.boolean(),
  })
  .partial()
  .strict();
/** @public */
export type UpdateProjectRequest = z.input<typeof updateProjectSchema>;

/** @public */
export const projectSchema = z.object({
  org: z.string(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  archivedAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  /**
   * The caller's effective role: the highest of their direct and team roles, `owner` for the
   * organisation's owners and admins and for platform admins; absent when they hold none.
   */
  myRole: z.enum(PROJECT_ROLES).optional(),
});
/** @public */
export type Project = z.infer<typeof projectSchema>;

/** `POST .../projects/{project}/members`. @public */
export const addProjectMemberSchema = z
  .object({ userRef: userRefSchema, role: z.enum(PROJECT_ROLES) })
  .strict();
/** @public */
export type AddProjectMemberRequest = z.input<typeof addProjectMemberSchema>;

/** `PATCH .../projects/{project}/members/{userRef}`. @public */
export const updateProjectMemberSchema = z
  .object({ role: z.enum(PROJECT_ROLES) })
  .strict();

/** @public */
export const projectMemberSchema = z.object({
  userRef: z.string(),
  role: z.enum(PROJECT_ROLES),
  createdAt: timestampSchema,
});
/** @public */
export type ProjectMember = z.infer<typeof projectMemberSchema>;

/** `POST .../projects/{project}/teams`. @public */
export const addProjectTeamSchema = z
  .object({ team: slugSchema, role: z.enum(PROJECT_ROLES) })
  .strict();

/** `PATCH .../projects/{project}/teams/{team}`. @public */
export const updateProjectTeamSchema = z
  .object({ role: z.enum(PROJECT_ROLES) })
  .strict();

/** @public */
export const projectTeamSchema = z.object({
  team: z.string(),
  title: z.string(),
  role: z.enum(PROJECT_ROLES),
  createdAt: timestampSchema,
});
/** @public */
export type ProjectTeam = z.infer<typeof projectTeamSchema>;
