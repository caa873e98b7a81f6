import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../api/common';
import {
  createEnvironmentSchema,
  environmentSchema,
  updateEnvironmentSchema,
} from '../api/environments';
import {
  addProjectMemberSchema,
  addProjectTeamSchema,
  createProjectSchema,
  projectMemberSchema,
  projectSchema,
  projectTeamSchema,
  updateProjectMemberSchema,
  updateProjectSchema,
  updateProjectTeamSchema,
} from '../api/projects';
import { connectRepositorySchema, repositorySchema } from '../api/repositories';
import { defineOperation } from './operation';

/** The path of one project. @public */
export const PROJECT_PATH = '/orgs/{org}/projects/{project}';
const PROJECT = PROJECT_PATH;
const ENV = `${PROJECT}/environments/{env}`;
const REPOSITORY = `${PROJECT}/repositories/{id}`;

/** Projects, their members and teams, environments and repositories. */
export const projectOperations = {
  listAllProjects: defineOperation({
    method: 'get',
    path: '/projects',
    summary: 'Every project the caller can read',
    query: pageQuerySchema,
    response: pageSchema(projectSchema),
  }),
  listProjects: defineOperation({
    method: 'get',
    path: '/orgs/{org}/projects',
    summary: 'Projects of an organisation',
    query: pageQuerySchema,
    response: pageSchema(projectSchema),
  }),
  createProject: defineOperation({
    method: 'post',
    path: '/orgs/{org}/projects',
    summary: 'Create a project',
    body: createProjectSchema,
    response: projectSchema,
    created: true,
  }),
  getProject: defineOperation({
    method: 'get',
    path: PROJECT,
    summary: "One project, with the caller's effective role",
    response: projectSchema,
  }),
  updateProject: defineOperation({
    method: 'patch',
    path: PROJECT,
    summary: 'Change or archive a project',
    body: updateProjectSchema,
    response: projectSchema,
  }),
  deleteProject: defineOperation({ method: 'delete', path: PROJECT, summary: 'Soft-delete a project', response: 'none' }),
  listProjectMembers: defineOperation({
    method: 'get',
    path: `${PROJECT}/members`,
    summary: 'Direct members',
    query: pageQuerySchema,
    response: pageSchema(projectMemberSchema),
  }),
  addProjectMember: defineOperation({
    method: 'post',
    path: `${PROJECT}/members`,
    summary: 'Add a member',
    body: addProjectMemberSchema,
    response: projectMemberSchema,
    created: true,
  }),
  updateProjectMember: defineOperation({
    method: 'patch',
    path: `${PROJECT}/members/{userRef}`,
    summary: "Change a member's role",
    body: updateProjectMemberSchema,
    response: projectMemberSchema.pick({ userRef: true, role: true }),
  }),
  removeProjectMember: defineOperation({
    method: 'delete',
    path: `${PROJECT}/members/{userRef}`,
    summary: 'Remove a member',
    response: 'none',
  }),
  listProjectTeams: defineOperation({
    method: 'get',
    path: `${PROJECT}/teams`,
    summary: 'Teams with a role on the project',
    response: z.object({ items: z.array(projectTeamSchema) }),
  }),
  addProjectTeam: defineOperation({
    method: 'post',
    path: `${PROJECT}/teams`,
    summary: 'Give a team a role',
    body: addProjectTeamSchema,
    response: projectTeamSchema,
    created: true,
  }),
  updateProjectTeam: defineOperation({
    method: 'patch',
    path: `${PROJECT}/teams/{team}`,
    summary: "Change a team's role",
    body: updateProjectTeamSchema,
    response: projectTeamSchema.pick({ team: true, role: true }),
  }),
  removeProjectTeam: defineOperation({
    method: 'delete',
    path: `${PROJECT}/teams/{team}`,
    summary: "Take a team's role away",
    response: 'none',
  }),
  listEnvironments: defineOperation({
    method: 'get',
    path: `${PROJECT}/environments`,
    summary: 'Environments in promotion order',
    response: z.object({ items: z.array(environmentSchema) }),
  }),
  createEnvironment: defineOperation({
    method: 'post',
    path: `${PROJECT}/environments`,
    summary: 'Create an environment; 422 with the violations when the approval rule breaks a policy',
    body: createEnvironmentSchema,
    response: environmentSchema,
    created: true,
  }),
  getEnvironment: defineOperation({ method: 'get', path: ENV, summary: 'One environment', response: environmentSchema }),
  updateEnvironment: defineOperation({
    method: 'patch',
    path: ENV,
    summary: 'Change an environment; 422 with the violations when the approval rule breaks a policy',
    body: updateEnvironmentSchema,
    response: environmentSchema,
  }),
  deleteEnvironment: defineOperation({ method: 'delete', path: ENV, summary: 'Soft-delete an environment', response: 'none' }),
  listRepositories: defineOperation({
    method: 'get',
    path: `${PROJECT}/repositories`,
    summary: 'Connected repositories',
    response: z.object({ items: z.array(repositorySchema) }),
  }),
  connectRepository: defineOperation({
    method: 'post',
    path: `${PROJECT}/repositories`,
    summary: 'Connect a repository',
    body: connectRepositorySchema,
    response: repositorySchema,
    created: true,
  }),
  getRepository: defineOperation({ method: 'get', path: REPOSITORY, summary: 'One repository', response: repositorySchema }),
  syncRepository: defineOperation({
    method: 'post',
    path: `${REPOSITORY}/sync`,
    summary: 'Read default branch and head commit from the remote',
    response: repositorySchema,
  }),
  disconnectRepository: defineOperation({
    method: 'delete',
    path: REPOSITORY,
    summary: 'Disconnect a repository',
    response: 'none',
  }),
};
