import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  AddOrgMemberRequest,
  AttentionItem,
  AddProjectMemberRequest,
  ApprovalVoteRequest,
  AuditEvent,
  AuditQuery,
  AuditScope,
  AuditVerification,
  ClusterStatus,
  ConnectRepositoryRequest,
  CreateEnvironmentRequest,
  CreateOrganizationRequest,
  CreatePolicyRequest,
  CreateProjectRequest,
  CreateTeamRequest,
  Deployment,
  DeploymentDetail,
  DeploymentDiff,
  DeploymentPreview,
  DeploymentPreviewRequest,
  DeploymentRequest,
  Environment,
  EnvironmentGitOpsStatus,
  HealthResponse,
  ListPoliciesQuery,
  MeResponse,
  Organization,
  OrganizationQuota,
  OrgMember,
  Page,
  PendingApproval,
  Policy,
  PolicyDecision,
  PolicyDecisionsQuery,
  PolicyRuleTypeInfo,
  Project,
  ProjectGitOpsStatus,
  ProjectMember,
  ProjectTeam,
  Repository,
  Team,
  TeamMember,
  UpdateEnvironmentRequest,
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
  updateTeamSchema,
} from '@juanie/plugin-juanie-common';
import type { z } from 'zod';

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
  getHealth(): Promise<HealthResponse>;
  getMe(): Promise<MeResponse>;
  getMyAttention(): Promise<{ items: AttentionItem[] }>;

  listOrganizations(page?: PageRequest): Promise<Page<Organization>>;
  createOrganization(request: CreateOrganizationRequest): Promise<Organization>;
  getOrganization(org: string): Promise<Organization>;
  updateOrganization(
    org: string,
    request: UpdateOrganizationRequest,
  ): Promise<Organization>;
  deleteOrganization(org: string): Promise<void>;
  getOrganizationQuota(org: string): Promise<OrganizationQuota>;

  listOrgMembers(org: string, page?: PageRequest): Promise<Page<OrgMember>>;
  addOrgMember(org: string, request: AddOrgMemberRequest): Promise<OrgMember>;
  updateOrgMember(
    org: string,
    userRef: string,
    request: UpdateOrgMemberRequest,
  ): Promise<OrgMember>;
  removeOrgMember(org: string, userRef: string): Promise<void>;

  listTeams(org: string, page?: PageRequest): Promise<Page<Team>>;
  createTeam(org: string, request: CreateTeamRequest): Promise<Team>;
  getTeam(org: string, team: string): Promise<Team>;
  updateTeam(
    org: string,
    team: string,
    request: UpdateTeamRequest,
  ): Promise<Team>;
  deleteTeam(org: string, team: string): Promise<void>;
  listTeamMembers(
    org: string,
    team: string,
    page?: PageRequest,
  ): Promise<Page<TeamMember>>;
  addTeamMember(
    org: string,
    team: string,
    request: AddTeamMemberRequest,
  ): Promise<TeamMember>;
  updateTeamMember(
    org: string,
    team: string,
    userRef: string,
    request: UpdateTeamMemberRequest,
  ): Promise<TeamMember>;
  removeTeamMember(org: string, team: string, userRef: string): Promise<void>;

  /** Every project the caller can read, across organisations. */
  listAllProjects(page?: PageRequest): Promise<Page<Project>>;
  listProjects(org: string, page?: PageRequest): Promise<Page<Project>>;
  createProject(org: string, request: CreateProjectRequest): Promise<Project>;
  getProject(org: string, project: string): Promise<Project>;
  updateProject(
    org: string,
    project: string,
    request: UpdateProjectRequest,
  ): Promise<Project>;
  deleteProject(org: string, project: string): Promise<void>;

  listProjectMembers(
    org: string,
    project: string,
    page?: PageRequest,
  ): Promise<Page<ProjectMember>>;
  addProjectMember(
    org: string,
    project: string,
    request: AddProjectMemberRequest,
  ): Promise<ProjectMember>;
  updateProjectMember(
    org: string,
    project: string,
    userRef: string,
    request: UpdateProjectMemberRequest,
  ): Promise<ProjectMember>;
  removeProjectMember(
    org: string,
    project: string,
    userRef: string,
  ): Promise<void>;

  listProjectTeams(
    org: string,
    project: string,
    page?: PageRequest,
  ): Promise<Page<ProjectTeam>>;
  addProjectTeam(
    org: string,
    project: string,
    request: AddProjectTeamRequest,
  ): Promise<ProjectTeam>;
  updateProjectTeam(
    org: string,
    project: string,
    team: string,
    request: UpdateProjectTeamRequest,
  ): Promise<ProjectTeam>;
  removeProjectTeam(org: string, project: string, team: string): Promise<void>;

  listEnvironments(
    org: string,
    project: string,
    page?: PageRequest,
  ): Promise<Page<Environment>>;
  createEnvironment(
    org: string,
    project: string,
    request: CreateEnvironmentRequest,
  ): Promise<Environment>;
  getEnvironment(
    org: string,
    project: string,
    env: string,
  ): Promise<Environment>;
  updateEnvironment(
    org: string,
    project: string,
    env: string,
    request: UpdateEnvironmentRequest,
  ): Promise<Environment>;
  deleteEnvironment(org: string, project: string, env: string): Promise<void>;

  listRepositories(
    org: string,
    project: string,
    page?: PageRequest,
  ): Promise<Page<Repository>>;
  connectRepository(
    org: string,
    project: string,
    request: ConnectRepositoryRequest,
  ): Promise<Repository>;
  getRepository(org: string, project: string, id: string): Promise<Repository>;
  disconnectRepository(org: string, project: string, id: string): Promise<void>;
  syncRepository(org: string, project: string, id: string): Promise<Repository>;

  /**
   * The policies inside a scope (an organisation's include those of its projects the
   * caller may read), or the enabled ones that apply to an environment (`effectiveFor`).
   */
  listPolicies(query: ListPoliciesQuery): Promise<{ items: Policy[] }>;
  createPolicy(request: CreatePolicyRequest): Promise<Policy>;
  /** Changes a policy; its scope never changes. */
  updatePolicy(id: string, request: UpdatePolicyRequest): Promise<Policy>;
  deletePolicy(id: string): Promise<void>;
  /** What a policy can check: the built-in rule types and those of backend modules. */
  listPolicyRuleTypes(): Promise<{ items: PolicyRuleTypeInfo[] }>;
  /** The newest deployment requests the policy refused or warned about. */
  listPolicyDecisions(
    id: string,
    query?: PolicyDecisionsQuery,
  ): Promise<{ items: PolicyDecision[] }>;

  /** Which trails the user may read: all, or these organisations'. */
  getAuditScope(): Promise<AuditScope>;
  /** Newest first. */
  listAuditEvents(
    query?: AuditQuery,
    page?: PageRequest,
  ): Promise<Page<AuditEvent>>;
  exportAuditEvents(
    format: AuditExportFormat,
    query?: AuditQuery,
  ): Promise<AuditExport>;
  verifyAuditChain(): Promise<AuditVerification>;

  /** What a change would do to an environment's manifests; commits nothing. */
  previewDeployment(
    org: string,
    project: string,
    env: string,
    request: DeploymentPreviewRequest,
  ): Promise<DeploymentPreview>;
  /**
   * Asks for a change. A refusal by an enforced policy is a ResponseError whose
   * violations {@link policyViolationsOf} reads.
   */
  requestDeployment(
    org: string,
    project: string,
    env: string,
    request: DeploymentRequest,
  ): Promise<Deployment>;
  /** Newest first. */
  listDeployments(
    org: string,
    project: string,
    query?: DeploymentListQuery,
    page?: PageRequest,
  ): Promise<Page<Deployment>>;
  getDeployment(id: string): Promise<DeploymentDetail>;
  getDeploymentDiff(id: string): Promise<DeploymentDiff>;
  /** Deployments waiting for the caller's vote, oldest first. */
  listPendingApprovals(page?: PageRequest): Promise<Page<PendingApproval>>;
  voteOnDeployment(
    id: string,
    request: ApprovalVoteRequest,
  ): Promise<DeploymentDetail>;
  cancelDeployment(
    id: string,
    request?: DeploymentNoteRequest,
  ): Promise<DeploymentDetail>;
  /** Starts a new deployment that restores the files `id` replaced. */
  rollBackDeployment(
    id: string,
    request?: DeploymentNoteRequest,
  ): Promise<Deployment>;

  /** The Flux objects of every environment of a project, as last seen in their clusters. */
  getProjectGitOps(org: string, project: string): Promise<ProjectGitOpsStatus>;
  /** Asks Flux to reconcile the environment's source and workload now. */
  reconcileGitOps(
    org: string,
    project: string,
    env: string,
  ): Promise<EnvironmentGitOpsStatus>;
  /** Stops Flux from applying the environment's path until it is resumed. */
  suspendGitOps(
    org: string,
    project: string,
    env: string,
  ): Promise<EnvironmentGitOpsStatus>;
  resumeGitOps(
    org: string,
    project: string,
    env: string,
  ): Promise<EnvironmentGitOpsStatus>;
  /** Every cluster Juanie deploys to: reachability, Flux health and watched objects. */
  listClusters(): Promise<{ items: ClusterStatus[] }>;
}

/** The {@link JuanieApi} of the app. @public */
export const juanieApiRef = createApiRef<JuanieApi>().with({
  id: 'plugin.juanie.api',
  pluginId: 'juanie',
});
