import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  fetchOperation,
  juanieContract as c,
  readOperationResponse,
} from '@juanie/plugin-juanie-common';
import type {
  AuditQuery,
  Operation,
  OperationInput,
  OperationResponse,
} from '@juanie/plugin-juanie-common';
import type { AuditExport, AuditExportFormat, JuanieApi } from './JuanieApi';

/** Talks to the `juanie` back-end plugin through the app's fetch API. @public */
export class JuanieClient implements JuanieApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getHealth: JuanieApi['getHealth'] = () => this.call(c.getHealth, {});
  getMe: JuanieApi['getMe'] = () => this.call(c.getMe, {});
  getMyAttention: JuanieApi['getMyAttention'] = () =>
    this.call(c.getMyAttention, {});

  listOrganizations: JuanieApi['listOrganizations'] = page =>
    this.call(c.listOrganizations, { query: page });
  createOrganization: JuanieApi['createOrganization'] = body =>
    this.call(c.createOrganization, { body });
  getOrganization: JuanieApi['getOrganization'] = org =>
    this.call(c.getOrganization, { params: { org } });
  updateOrganization: JuanieApi['updateOrganization'] = (org, body) =>
    this.call(c.updateOrganization, { params: { org }, body });
  deleteOrganization: JuanieApi['deleteOrganization'] = org =>
    this.call(c.deleteOrganization, { params: { org } });
  getOrganizationQuota: JuanieApi['getOrganizationQuota'] = org =>
    this.call(c.getOrganizationQuota, { params: { org } });

  listOrgMembers: JuanieApi['listOrgMembers'] = (org, page) =>
    this.call(c.listOrgMembers, { params: { org }, query: page });
  addOrgMember: JuanieApi['addOrgMember'] = (org, body) =>
    this.call(c.addOrgMember, { params: { org }, body });
  updateOrgMember: JuanieApi['updateOrgMember'] = (org, userRef, body) =>
    this.call(c.updateOrgMember, { params: { org, userRef }, body });
  removeOrgMember: JuanieApi['removeOrgMember'] = (org, userRef) =>
    this.call(c.removeOrgMember, { params: { org, userRef } });

  listTeams: JuanieApi['listTeams'] = (org, page) =>
    this.call(c.listTeams, { params: { org }, query: page });
  createTeam: JuanieApi['createTeam'] = (org, body) =>
    this.call(c.createTeam, { params: { org }, body });
  getTeam: JuanieApi['getTeam'] = (org, team) =>
    this.call(c.getTeam, { params: { org, team } });
  updateTeam: JuanieApi['updateTeam'] = (org, team, body) =>
    this.call(c.updateTeam, { params: { org, team }, body });
  deleteTeam: JuanieApi['deleteTeam'] = (org, team) =>
    this.call(c.deleteTeam, { params: { org, team } });
  listTeamMembers: JuanieApi['listTeamMembers'] = (org, team, page) =>
    this.call(c.listTeamMembers, { params: { org, team }, query: page });
  addTeamMember: JuanieApi['addTeamMember'] = (org, team, body) =>
    this.call(c.addTeamMember, { params: { org, team }, body });
  updateTeamMember: JuanieApi['updateTeamMember'] = (org, team, user, body) =>
    this.call(c.updateTeamMember, {
      params: { org, team, userRef: user },
      body,
    });
  removeTeamMember: JuanieApi['removeTeamMember'] = (org, team, user) =>
    this.call(c.removeTeamMember, { params: { org, team, userRef: user } });

  listAllProjects: JuanieApi['listAllProjects'] = page =>
    this.call(c.listAllProjects, { query: page });
  listProjects: JuanieApi['listProjects'] = (org, page) =>
    this.call(c.listProjects, { params: { org }, query: page });
  createProject: JuanieApi['createProject'] = (org, body) =>
    this.call(c.createProject, { params: { org }, body });
  getProject: JuanieApi['getProject'] = (org, project) =>
    this.call(c.getProject, { params: { org, project } });
  updateProject: JuanieApi['updateProject'] = (org, project, body) =>
    this.call(c.updateProject, { params: { org, project }, body });
  deleteProject: JuanieApi['deleteProject'] = (org, project) =>
    this.call(c.deleteProject, { params: { org, project } });

  listProjectMembers: JuanieApi['listProjectMembers'] = (org, p, page) =>
    this.call(c.listProjectMembers, {
      params: { org, project: p },
      query: page,
    });
  addProjectMember: JuanieApi['addProjectMember'] = (org, p, body) =>
    this.call(c.addProjectMember, { params: { org, project: p }, body });
  updateProjectMember: JuanieApi['updateProjectMember'] = (
    org,
    p,
    user,
    body,
  ) =>
    this.call(c.updateProjectMember, {
      params: { org, project: p, userRef: user },
      body,
    });
  removeProjectMember: JuanieApi['removeProjectMember'] = (org, p, user) =>
    this.call(c.removeProjectMember, {
      params: { org, project: p, userRef: user },
    });

  listProjectTeams: JuanieApi['listProjectTeams'] = (org, p) =>
    this.call(c.listProjectTeams, { params: { org, project: p } });
  addProjectTeam: JuanieApi['addProjectTeam'] = (org, p, body) =>
    this.call(c.addProjectTeam, { params: { org, project: p }, body });
  updateProjectTeam: JuanieApi['updateProjectTeam'] = (org, p, team, body) =>
    this.call(c.updateProjectTeam, {
      params: { org, project: p, team },
      body,
    });
  removeProjectTeam: JuanieApi['removeProjectTeam'] = (org, p, team) =>
    this.call(c.removeProjectTeam, { params: { org, project: p, team } });

  listEnvironments: JuanieApi['listEnvironments'] = (org, p) =>
    this.call(c.listEnvironments, { params: { org, project: p } });
  createEnvironment: JuanieApi['createEnvironment'] = (org, p, body) =>
    this.call(c.createEnvironment, { params: { org, project: p }, body });
  getEnvironment: JuanieApi['getEnvironment'] = (org, p, env) =>
    this.call(c.getEnvironment, { params: { org, project: p, env } });
  updateEnvironment: JuanieApi['updateEnvironment'] = (org, p, env, body) =>
    this.call(c.updateEnvironment, {
      params: { org, project: p, env },
      body,
    });
  deleteEnvironment: JuanieApi['deleteEnvironment'] = (org, p, env) =>
    this.call(c.deleteEnvironment, { params: { org, project: p, env } });

  listRepositories: JuanieApi['listRepositories'] = (org, p) =>
    this.call(c.listRepositories, { params: { org, project: p } });
  connectRepository: JuanieApi['connectRepository'] = (org, p, body) =>
    this.call(c.connectRepository, { params: { org, project: p }, body });
  getRepository: JuanieApi['getRepository'] = (org, p, id) =>
    this.call(c.getRepository, { params: { org, project: p, id } });
  disconnectRepository: JuanieApi['disconnectRepository'] = (org, p, id) =>
    this.call(c.disconnectRepository, { params: { org, project: p, id } });
  syncRepository: JuanieApi['syncRepository'] = (org, p, id) =>
    this.call(c.syncRepository, { params: { org, project: p, id } });

  listPolicies: JuanieApi['listPolicies'] = query =>
    this.call(c.listPolicies, { query });
  createPolicy: JuanieApi['createPolicy'] = body =>
    this.call(c.createPolicy, { body });
  updatePolicy: JuanieApi['updatePolicy'] = (id, body) =>
    this.call(c.updatePolicy, { params: { id }, body });
  deletePolicy: JuanieApi['deletePolicy'] = id =>
    this.call(c.deletePolicy, { params: { id } });
  listPolicyRuleTypes: JuanieApi['listPolicyRuleTypes'] = () =>
    this.call(c.listPolicyRuleTypes, {});
  listPolicyDecisions: JuanieApi['listPolicyDecisions'] = (id, query) =>
    this.call(c.listPolicyDecisions, { params: { id }, query });

  getAuditScope: JuanieApi['getAuditScope'] = () =>
    this.call(c.getAuditScope, {});
  listAuditEvents: JuanieApi['listAuditEvents'] = (query, page) =>
    this.call(c.listAuditEvents, { query: { ...query, ...page } });
  verifyAuditChain: JuanieApi['verifyAuditChain'] = org =>
    org
      ? this.call(c.verifyOrganizationAuditChain, { params: { org } })
      : this.call(c.verifyPlatformAuditChain, {});
  getAuditChainState: JuanieApi['getAuditChainState'] = org =>
    org
      ? this.call(c.getOrganizationAuditVerification, { params: { org } })
      : this.call(c.getPlatformAuditVerification, {});

  previewDeployment: JuanieApi['previewDeployment'] = (org, p, env, body) =>
    this.call(c.previewDeployment, { params: { org, project: p, env }, body });
  requestDeployment: JuanieApi['requestDeployment'] = (org, p, env, body) =>
    this.call(c.requestDeployment, { params: { org, project: p, env }, body });
  listDeployments: JuanieApi['listDeployments'] = (org, p, query, page) =>
    this.call(c.listDeployments, {
      params: { org, project: p },
      query: {
        environment: query?.environment,
        status: query?.status?.join(','),
        ...page,
      },
    });
  getDeployment: JuanieApi['getDeployment'] = id =>
    this.call(c.getDeployment, { params: { id } });
  getDeploymentDiff: JuanieApi['getDeploymentDiff'] = id =>
    this.call(c.getDeploymentDiff, { params: { id } });
  listPendingApprovals: JuanieApi['listPendingApprovals'] = page =>
    this.call(c.listPendingApprovals, { query: page });
  voteOnDeployment: JuanieApi['voteOnDeployment'] = (id, body) =>
    this.call(c.voteOnDeployment, { params: { id }, body });
  cancelDeployment: JuanieApi['cancelDeployment'] = (id, body = {}) =>
    this.call(c.cancelDeployment, { params: { id }, body });
  rollBackDeployment: JuanieApi['rollBackDeployment'] = (id, body = {}) =>
    this.call(c.rollBackDeployment, { params: { id }, body });

  getProjectGitOps: JuanieApi['getProjectGitOps'] = (org, p) =>
    this.call(c.getProjectGitOps, { params: { org, project: p } });
  reconcileGitOps: JuanieApi['reconcileGitOps'] = (org, p, env) =>
    this.call(c.reconcileGitOps, { params: { org, project: p, env } });
  suspendGitOps: JuanieApi['suspendGitOps'] = (org, p, env) =>
    this.call(c.suspendGitOps, { params: { org, project: p, env } });
  resumeGitOps: JuanieApi['resumeGitOps'] = (org, p, env) =>
    this.call(c.resumeGitOps, { params: { org, project: p, env } });
  listClusters: JuanieApi['listClusters'] = () => this.call(c.listClusters, {});

  async exportAuditEvents(
    format: AuditExportFormat,
    query?: AuditQuery,
  ): Promise<AuditExport> {
    const response = await this.send(c.exportAuditEvents, {
      query: { ...query, format },
    });
    const blob = await response.blob();
    return { blob, filename: filenameOf(response) ?? `audit.${format}` };
  }

  /** Calls one operation of the contract and reads its answer. */
  private async call<O extends Operation>(
    operation: O,
    input: OperationInput<O>,
  ): Promise<OperationResponse<O>> {
    return readOperationResponse<O>(await this.send(operation, input));
  }

  private async send<O extends Operation>(
    operation: O,
    input: OperationInput<O>,
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('juanie');
    const response = await fetchOperation(
      (url, init) => this.fetchApi.fetch(url, init),
      baseUrl,
      operation,
      input,
    );
    if (!response.ok) {
      throw await refusalOf(response);
    }
    return response;
  }
}

/**
 * The ResponseError for a refused request. Its `body` keeps every field the
 * server sent, such as the `violations` of a policy refusal.
 */
async function refusalOf(response: Response): Promise<ResponseError> {
  const text = await response.text();
  const body = parseJson(text);
  // ResponseError only reads bodies with a `response` section as the server's
  // error; some refusals (the policy one) carry just `error` and extra fields.
  const complete =
    isObject(body) && isObject(body.error) && !body.response
      ? JSON.stringify({ ...body, response: { statusCode: response.status } })
      : text;
  return ResponseError.fromResponse(
    new Response(complete, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    }),
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}


function filenameOf(response: Response): string | undefined {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  return /filename="?([^";]+)"?/.exec(disposition)?.[1];
}
