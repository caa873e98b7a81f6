import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../api/common';
import {
  addOrgMemberSchema,
  addTeamMemberSchema,
  createOrganizationSchema,
  createTeamSchema,
  organizationQuotaSchema,
  organizationSchema,
  orgMemberSchema,
  teamMemberSchema,
  teamSchema,
  updateOrganizationSchema,
  updateOrgMemberSchema,
  updateTeamMemberSchema,
  updateTeamSchema,
} from '../api/organizations';
import { claimRepositorySchema } from '../api/repositories';
import { defineOperation } from './operation';

const ORG = '/orgs/{org}';
const TEAM = `${ORG}/teams/{team}`;

/** Organisations, their members, teams and quotas. */
export const organizationOperations = {
  listOrganizations: defineOperation({
    method: 'get',
    path: '/orgs',
    summary: 'Organisations the caller is in',
    query: pageQuerySchema,
    response: pageSchema(organizationSchema),
  }),
  createOrganization: defineOperation({
    method: 'post',
    path: '/orgs',
    summary: 'Create an organisation (the caller owns it)',
    body: createOrganizationSchema,
    response: organizationSchema,
    created: true,
  }),
  getOrganization: defineOperation({ method: 'get', path: ORG, summary: 'One organisation', response: organizationSchema }),
  updateOrganization: defineOperation({
    method: 'patch',
    path: ORG,
    summary: 'Change title, description or quota',
    body: updateOrganizationSchema,
    response: organizationSchema,
  }),
  deleteOrganization: defineOperation({ method: 'delete', path: ORG, summary: 'Soft-delete an organisation', response: 'none' }),
  getOrganizationQuota: defineOperation({
    method: 'get',
    path: `${ORG}/quota`,
    summary: 'Quota limits and live usage',
    response: organizationQuotaSchema,
  }),
  listOrgMembers: defineOperation({
    method: 'get',
    path: `${ORG}/members`,
    summary: 'Members and roles',
    query: pageQuerySchema,
    response: pageSchema(orgMemberSchema),
  }),
  addOrgMember: defineOperation({
    method: 'post',
    path: `${ORG}/members`,
    summary: 'Add a member',
    body: addOrgMemberSchema,
    response: orgMemberSchema,
    created: true,
  }),
  updateOrgMember: defineOperation({
    method: 'patch',
    path: `${ORG}/members/{userRef}`,
    summary: "Change a member's role",
    body: updateOrgMemberSchema,
    response: orgMemberSchema.pick({ userRef: true, role: true }),
  }),
  removeOrgMember: defineOperation({ method: 'delete', path: `${ORG}/members/{userRef}`, summary: 'Remove a member', response: 'none' }),
  listTeams: defineOperation({
    method: 'get',
    path: `${ORG}/teams`,
    summary: 'Teams',
    query: pageQuerySchema,
    response: pageSchema(teamSchema),
  }),
  createTeam: defineOperation({
    method: 'post',
    path: `${ORG}/teams`,
    summary: 'Create a team',
    body: createTeamSchema,
    response: teamSchema,
    created: true,
  }),
  claimRepository: defineOperation({
    method: 'post',
    path: `${ORG}/repository-claims`,
    summary: 'Record a local repository the scaffolder created for the organisation (scaffolder only)',
    body: claimRepositorySchema,
    response: z.object({ url: z.string() }),
    created: true,
  }),
  getTeam: defineOperation({ method: 'get', path: TEAM, summary: 'One team', response: teamSchema }),
  updateTeam: defineOperation({ method: 'patch', path: TEAM, summary: 'Change a team', body: updateTeamSchema, response: teamSchema }),
  deleteTeam: defineOperation({ method: 'delete', path: TEAM, summary: 'Soft-delete a team', response: 'none' }),
  listTeamMembers: defineOperation({
    method: 'get',
    path: `${TEAM}/members`,
    summary: 'Team members',
    query: pageQuerySchema,
    response: pageSchema(teamMemberSchema),
  }),
  addTeamMember: defineOperation({
    method: 'post',
    path: `${TEAM}/members`,
    summary: 'Add a team member',
    body: addTeamMemberSchema,
    response: teamMemberSchema,
    created: true,
  }),
  updateTeamMember: defineOperation({
    method: 'patch',
    path: `${TEAM}/members/{userRef}`,
    summary: "Change a team member's role",
    body: updateTeamMemberSchema,
    response: teamMemberSchema.pick({ userRef: true, role: true }),
  }),
  removeTeamMember: defineOperation({
    method: 'delete',
    path: `${TEAM}/members/{userRef}`,
    summary: 'Remove a team member',
    response: 'none',
  }),
};
