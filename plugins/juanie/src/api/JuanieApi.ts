import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
AddOrgMemberRequest,AddProjectMemberRequest,
ApprovalVoteRequest,AuditQuery,
AuditChainState,
AuditChainVerification,ConnectRepositoryRequest,
CreateEnvironmentRequest,
CreateOrganizationRequest,
CreatePolicyRequest,
CreateProjectRequest,
CreateTeamRequest,DeploymentPreviewRequest,
DeploymentRequest,JuanieContract,
OperationId,
OperationResponse,
ListPoliciesQuery,PolicyDecisionsQuery,UpdateEnvironmentRequest,
UpdateOrganizationRequest,
UpdatePolicyRequest,
UpdateProjectRequest,
addProjectTeamSchema,
addTeamMemberSchema,
deploymentListQuerySchema,
deploymentNoteSchema,
updateOrgMemberSchema,
updateProjectMemberSchema,
updateProjectTeamSchema,
updateTeamMemberSchema,
updateTeamSchema
} from '@juanie/plugin-juanie-common';
import type { z } from 'zod';

/** What the back end answers to an operation of the contract. */
type Answer<K extends OperationId> = OperationResponse<JuanieContract[K]>;

// juanie-common exports schemas but no named request types for these bodies;
// deriving them keeps the front end tied to the one definition.
/** @public */
export type UpdateOrgMemberRequest = z.input<typeof updateOrgMemberSchema>;
/** @public */
export type UpdateTeamRequest = z.input<typeof updateTeamSchema>;
/** @public */
export type AddTeamMemberRequest = z.input<typeof addTeamMemberSchema>;
/** @public */
export type UpdateTeamMemberRequest = z.input<typeof updateTeamMemberSchema>;
/** @public */
export type UpdateProjectMemberRequest = z.input<
  typeof updateProjectMemberSchema
>;
/** @public */
export type AddProjectTeamRequest = z.input<typeof addProjectTeamSchema>;
/** @public */
export type UpdateProjectTeamRequest = z.input<typeof updateProjectTeamSchema>;
/** Filters of a project's deployment history: one environment, any of some statuses. @public */
export type DeploymentListQuery = z.output<typeof deploymentListQuerySchema>;
/** The optional note of a cancellation or a rollback. @public */
export type DeploymentNoteRequest = z.input<typeof deploymentNoteSchema>;

/** Cursor pagination of every list call. @public */
export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/** Formats of `GET /audit/export`. @public */
export type AuditExportFormat = 'csv' | 'ndjson';

/** A downloaded audit export. @public */
export interface AuditExport {
  blob: Blob;
  filename: string;
}

/** The Juanie back end's REST API, one method per endpoint. @public */
export interface JuanieApi {
  getHealth(): Promise<Answer<'getHealth'>>;
  getMe(): Promise<Answer<'getMe'>>;
  getMyAttention(): Promise<Answer<'getMyAttention'>>;

  listOrganizations(page?: PageRequest): Promise<Answer<'listOrganizations'>>;
  createOrganization(request: CreateOrganizationRequest): Promise<Answer<'createOrganization'>>;
  getOrganization(org: string): Promise<Answer<'getOrganization'>>;
  updateOrganization(
    org: string,
    request: UpdateOrganizationRequest,
  ): Promise<Answer<'updateOrganization'>>;
  deleteOrganization(org: string): Promise<Answer<'deleteOrganization'>>;
  getOrganizationQuota(org: string): Promise<Answer<'getOrganizationQuota'>>;

  listOrgMembers(org: string, page?: PageRequest): Promise<Answer<'listOrgMembers'>>;
  addOrgMember(org: string, request: AddOrgMemberRequest): Promise<Answer<'addOrgMember'>>;
  updateOrgMember(
    org: string,
    userRef: string,
    request: UpdateOrgMemberRequest,
  ): Promise<Answer<'updateOrgMember'>>;
  removeOrgMember(org: string, userRef: string): Promise<Answer<'removeOrgMember'>>;

  listTeams(org: string, page?: PageRequest): Promise<Answer<'listTeams'>>;
  createTeam(org: string, request: CreateTeamRequest): Promise<Answer<'createTeam'>>;
  getTeam(org: string, team: string): Promise<Answer<'getTeam'>>;
  updateTeam(
    org: string,
    team: string,
    request: UpdateTeamRequest,
  ): Promise<Answer<'updateTeam'>>;
  deleteTeam(org: string, team: string): Promise<Answer<'deleteTeam'>>;
  listTeamMembers(
    org: string,
    team: string,
    page?: PageRequest,
  ): Promise<Answer<'listTeamMembers'>>;
  addTeamMember(
    org: string,
    team: string,
    request: AddTeamMemberRequest,
  ): Promise<Answer<'addTeamMember'>>;
  updateTeamMember(
    org: string,
    team: string,
    userRef: string,
    request: UpdateTeamMemberRequest,
  ): Promise<Answer<'updateTeamMember'>>;
  removeTeamMember(org: string, team: string, userRef: string): Promise<Answer<'removeTeamMember'>>;

  /** Every project the caller can read, across organisations. */
  listAllProjects(page?: PageRequest): Promise<Answer<'listAllProjects'>>;
  listProjects(org: string, page?: PageRequest): Promise<Answer<'listProjects'>>;
  createProject(org: string, request: CreateProjectRequest): Promise<Answer<'createProject'>>;
  getProject(org: string, project: string): Promise<Answer<'getProject'>>;
  updateProject(
    org: string,
    project: string,
    request: UpdateProjectRequest,
  ): Promise<Answer<'updateProject'>>;
  deleteProject(org: string, project: string): Promise<Answer<'deleteProject'>>;

  listProjectMembers(
    org: string,
    project: string,
    page?: PageRequest,
  ): Promise<Answer<'listProjectMembers'>>;
  addProjectMember(
    org: string,
    project: string,
    request: AddProjectMemberRequest,
  ): Promise<Answer<'addProjectMember'>>;
  updateProjectMember(
    org: string,
    project: string,
    userRef: string,
    request: UpdateProjectMemberRequest,
  ): Promise<Answer<'updateProjectMember'>>;
  removeProjectMember(
    org: string,
    project: string,
    userRef: string,
  ): Promise<Answer<'removeProjectMember'>>;

  listProjectTeams(
    org: string,
    project: string,
    page?: PageRequest,
  ): Promise<Answer<'listProjectTeams'>>;
  addProjectTeam(
    org: string,
    project: string,
    request: AddProjectTeamRequest,
  ): Promise<Answer<'addProjectTeam'>>;
  updateProjectTeam(
    org: string,
    project: string,
    team: string,
    request: UpdateProjectTeamRequest,
  ): Promise<Answer<'updateProjectTeam'>>;
  removeProjectTeam(org: string, project: string, team: string): Promise<Answer<'removeProjectTeam'>>;

  listEnvironments(
    org: string,
    project: string,
    page?: PageRequest,
  ): Promise<Answer<'listEnvironments'>>;
  createEnvironment(
    org: string,
    project: string,
    request: CreateEnvironmentRequest,
  ): Promise<Answer<'createEnvironment'>>;
  getEnvironment(
    org: string,
    project: string,
    env: string,
  ): Promise<Answer<'getEnvironment'>>;
  updateEnvironment(
    org: string,
    project: string,
    env: string,
    request: UpdateEnvironmentRequest,
  ): Promise<Answer<'updateEnvironment'>>;
  deleteEnvironment(org: string, project: string, env: string): Promise<Answer<'deleteEnvironment'>>;

  listRepositories(
    org: string,
    project: string,
    page?: PageRequest,
  ): Promise<Answer<'listRepositories'>>;
  connectRepository(
    org: string,
    project: string,
    request: ConnectRepositoryRequest,
  ): Promise<Answer<'connectRepository'>>;
  getRepository(org: string, project: string, id: string): Promise<Answer<'getRepository'>>;
  disconnectRepository(org: string, project: string, id: string): Promise<Answer<'disconnectRepository'>>;
  syncRepository(org: string, project: string, id: string): Promise<Answer<'syncRepository'>>;

  /**
   * The policies inside a scope (an organisation's include those of its projects the
   * caller may read), or the enabled ones that apply to an environment (`effectiveFor`).
   */
  listPolicies(query: ListPoliciesQuery): Promise<Answer<'listPolicies'>>;
  createPolicy(request: CreatePolicyRequest): Promise<Answer<'createPolicy'>>;
  /** Changes a policy; its scope never changes. */
  updatePolicy(id: string, request: UpdatePolicyRequest): Promise<Answer<'updatePolicy'>>;
  deletePolicy(id: string): Promise<Answer<'deletePolicy'>>;
  /** What a policy can check: the built-in rule types and those of backend modules. */
  listPolicyRuleTypes(): Promise<Answer<'listPolicyRuleTypes'>>;
  /** The newest deployment requests the policy refused or warned about. */
  listPolicyDecisions(
    id: string,
    query?: PolicyDecisionsQuery,
  ): Promise<Answer<'listPolicyDecisions'>>;

  /** Which trails the user may read: all, or these organisations'. */
  getAuditScope(): Promise<Answer<'getAuditScope'>>;
  /** Newest first. */
  listAuditEvents(
    query?: AuditQuery,
    page?: PageRequest,
  ): Promise<Answer<'listAuditEvents'>>;
  exportAuditEvents(
    format: AuditExportFormat,
    query?: AuditQuery,
  ): Promise<AuditExport>;
  /**
   * Walks the hash chain of an organisation's trail (owners), or without `org` the platform's
   * chain (platform admins), and stores the result.
   */
  verifyAuditChain(org?: string): Promise<AuditChainVerification>;
  /** The last stored verification of the chain, by the scheduler or a person. */
  getAuditChainState(org?: string): Promise<AuditChainState>;

  /** What a change would do to an environment's manifests; commits nothing. */
  previewDeployment(
    org: string,
    project: string,
    env: string,
    request: DeploymentPreviewRequest,
  ): Promise<Answer<'previewDeployment'>>;
  /**
   * Asks for a change. A refusal by an enforced policy is a ResponseError whose
   * violations {@link policyViolationsOf} reads.
   */
  requestDeployment(
    org: string,
    project: string,
    env: string,
    request: DeploymentRequest,
  ): Promise<Answer<'requestDeployment'>>;
  /** Newest first. */
  listDeployments(
    org: string,
    project: string,
    query?: DeploymentListQuery,
    page?: PageRequest,
  ): Promise<Answer<'listDeployments'>>;
  getDeployment(id: string): Promise<Answer<'getDeployment'>>;
  getDeploymentDiff(id: string): Promise<Answer<'getDeploymentDiff'>>;
  /** Deployments waiting for the caller's vote, oldest first. */
  listPendingApprovals(page?: PageRequest): Promise<Answer<'listPendingApprovals'>>;
  voteOnDeployment(
    id: string,
    request: ApprovalVoteRequest,
  ): Promise<Answer<'voteOnDeployment'>>;
  cancelDeployment(
    id: string,
    request?: DeploymentNoteRequest,
  ): Promise<Answer<'cancelDeployment'>>;
  /** Starts a new deployment that restores the files `id` replaced. */
  rollBackDeployment(
    id: string,
    request?: DeploymentNoteRequest,
  ): Promise<Answer<'rollBackDeployment'>>;

  /** The Flux objects of every environment of a project, as last seen in their clusters. */
  getProjectGitOps(org: string, project: string): Promise<Answer<'getProjectGitOps'>>;
  /** Asks Flux to reconcile the environment's source and workload now. */
  reconcileGitOps(
    org: string,
    project: string,
    env: string,
  ): Promise<Answer<'reconcileGitOps'>>;
  /** Stops Flux from applying the environment's path until it is resumed. */
  suspendGitOps(
    org: string,
    project: string,
    env: string,
  ): Promise<Answer<'suspendGitOps'>>;
  resumeGitOps(
    org: string,
    project: string,
    env: string,
  ): Promise<Answer<'resumeGitOps'>>;
  /** Every cluster Juanie deploys to: reachability, Flux health and watched objects. */
  listClusters(): Promise<Answer<'listClusters'>>;
}

/** The {@link JuanieApi} of the app. @public */
export const juanieApiRef = createApiRef<JuanieApi>().with({
  id: 'plugin.juanie.api',
  pluginId: 'juanie',
});
