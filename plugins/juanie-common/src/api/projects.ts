import { z } from 'zod';
import { PROJECT_ROLES, ProjectRole } from '../roles';
import {
  descriptionSchema,
  slugSchema,
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
export interface Project {
  org: string;
  slug: string;
  title: string;
  description: string;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /**
   * The caller's effective role: the highest of their direct and team roles, `owner` for the
   * organisation's owners and admins and for platform admins; absent when they hold none.
   */
  myRole?: ProjectRole;
}

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
export interface ProjectMember {
  userRef: string;
  role: ProjectRole;
  createdAt: string;
}

/** `POST .../projects/{project}/teams`. @public */
export const addProjectTeamSchema = z
  .object({ team: slugSchema, role: z.enum(PROJECT_ROLES) })
  .strict();

/** `PATCH .../projects/{project}/teams/{team}`. @public */
export const updateProjectTeamSchema = z
  .object({ role: z.enum(PROJECT_ROLES) })
  .strict();

/** @public */
export interface ProjectTeam {
  team: string;
  title: string;
  role: ProjectRole;
  createdAt: string;
}
