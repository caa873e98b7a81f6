import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { AuditQuery } from '@juanie/plugin-juanie-common';
import type { AuditExport, AuditExportFormat, JuanieApi } from './JuanieApi';

type Query = Record<string, string | number | undefined>;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
}

/** Encodes one path segment; user refs contain `:` and `/`. */
const seg = encodeURIComponent;

const orgPath = (org: string) => `/orgs/${seg(org)}`;
const teamPath = (org: string, team: string) =>
  `${orgPath(org)}/teams/${seg(team)}`;
const projectPath = (org: string, project: string) =>
  `${orgPath(org)}/projects/${seg(project)}`;
const environmentPath = (org: string, project: string, env: string) =>
  `${projectPath(org, project)}/environments/${seg(env)}`;
const deploymentPath = (id: string) => `/deployments/${seg(id)}`;
const policyPath = (id: string) => `/policies/${seg(id)}`;

/** Talks to the `juanie` back-end plugin through the app's fetch API. @public */
export class JuanieClient implements JuanieApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getHealth: JuanieApi['getHealth'] = () => this.request('/health');
  getMe: JuanieApi['getMe'] = () => this.request('/me');
  getMyAttention: JuanieApi['getMyAttention'] = () =>
    this.request('/me/attention');

  listOrganizations: JuanieApi['listOrganizations'] = page =>
    this.request('/orgs', { query: { ...page } });
  createOrganization: JuanieApi['createOrganization'] = body =>
    this.request('/orgs', { method: 'POST', body });
  getOrganization: JuanieApi['getOrganization'] = org =>
    this.request(orgPath(org));
  updateOrganization: JuanieApi['updateOrganization'] = (org, body) =>
    this.request(orgPath(org), { method: 'PATCH', body });
  deleteOrganization: JuanieApi['deleteOrganization'] = org =>
    this.request(orgPath(org), { method: 'DELETE' });
  getOrganizationQuota: JuanieApi['getOrganizationQuota'] = org =>
    this.request(`${orgPath(org)}/quota`);

  listOrgMembers: JuanieApi['listOrgMembers'] = (org, page) =>
    this.request(`${orgPath(org)}/members`, { query: { ...page } });
  addOrgMember: JuanieApi['addOrgMember'] = (org, body) =>
    this.request(`${orgPath(org)}/members`, { method: 'POST', body });
  updateOrgMember: JuanieApi['updateOrgMember'] = (org, userRef, body) =>
    this.request(`${orgPath(org)}/members/${seg(userRef)}`, {
      method: 'PATCH',
      body,
    });
  removeOrgMember: JuanieApi['removeOrgMember'] = (org, userRef) =>
    this.request(`${orgPath(org)}/members/${seg(userRef)}`, {
      method: 'DELETE',
    });

  listTeams: JuanieApi['listTeams'] = (org, page) =>
    this.request(`${orgPath(org)}/teams`, { query: { ...page } });
  createTeam: JuanieApi['createTeam'] = (org, body) =>
    this.request(`${orgPath(org)}/teams`, { method: 'POST', body });
  getTeam: JuanieApi['getTeam'] = (org, team) =>
    this.request(teamPath(org, team));
  updateTeam: JuanieApi['updateTeam'] = (org, team, body) =>
    this.request(teamPath(org, team), { method: 'PATCH', body });
  deleteTeam: JuanieApi['deleteTeam'] = (org, team) =>
    this.request(teamPath(org, team), { method: 'DELETE' });
  listTeamMembers: JuanieApi['listTeamMembers'] = (org, team, page) =>
    this.request(`${teamPath(org, team)}/members`, { query: { ...page } });
  addTeamMember: JuanieApi['addTeamMember'] = (org, team, body) =>
    this.request(`${teamPath(org, team)}/members`, { method: 'POST', body });
  updateTeamMember: JuanieApi['updateTeamMember'] = (org, team, user, body) =>
    this.request(`${teamPath(org, team)}/members/${seg(user)}`, {
      method: 'PATCH',
      body,
    });
  removeTeamMember: JuanieApi['removeTeamMember'] = (org, team, user) =>
    this.request(`${teamPath(org, team)}/members/${seg(user)}`, {
      method: 'DELETE',
    });

  listAllProjects: JuanieApi['listAllProjects'] = page =>
    this.request('/projects', { query: { ...page } });
  listProjects: JuanieApi['listProjects'] = (org, page) =>
    this.request(`${orgPath(org)}/projects`, { query: { ...page } });
  createProject: JuanieApi['createProject'] = (org, body) =>
    this.request(`${orgPath(org)}/projects`, { method: 'POST', body });
  getProject: JuanieApi['getProject'] = (org, project) =>
    this.request(projectPath(org, project));
  updateProject: JuanieApi['updateProject'] = (org, project, body) =>
    this.request(projectPath(org, project), { method: 'PATCH', body });
  deleteProject: JuanieApi['deleteProject'] = (org, project) =>
    this.request(projectPath(org, project), { method: 'DELETE' });

  listProjectMembers: JuanieApi['listProjectMembers'] = (org, p, page) =>
    this.request(`${projectPath(org, p)}/members`, { query: { ...page } });
  addProjectMember: JuanieApi['addProjectMember'] = (org, p, body) =>
    this.request(`${projectPath(org, p)}/members`, { method: 'POST', body });
  updateProjectMember: JuanieApi['updateProjectMember'] = (
    org,
    p,
    user,
    body,
  ) =>
    this.request(`${projectPath(org, p)}/members/${seg(user)}`, {
      method: 'PATCH',
      body,
    });
  removeProjectMember: JuanieApi['removeProjectMember'] = (org, p, user) =>
    this.request(`${projectPath(org, p)}/members/${seg(user)}`, {
      method: 'DELETE',
    });

  listProjectTeams: JuanieApi['listProjectTeams'] = (org, p, page) =>
    this.request(`${projectPath(org, p)}/teams`, { query: { ...page } });
  addProjectTeam: JuanieApi['addProjectTeam'] = (org, p, body) =>
    this.request(`${projectPath(org, p)}/teams`, { method: 'POST', body });
  updateProjectTeam: JuanieApi['updateProjectTeam'] = (org, p, team, body) =>
    this.request(`${projectPath(org, p)}/teams/${seg(team)}`, {
      method: 'PATCH',
      body,
    });
  removeProjectTeam: JuanieApi['removeProjectTeam'] = (org, p, team) =>
    this.request(`${projectPath(org, p)}/teams/${seg(team)}`, {
      method: 'DELETE',
    });

  listEnvironments: JuanieApi['listEnvironments'] = (org, p, page) =>
    this.request(`${projectPath(org, p)}/environments`, { query: { ...page } });
  createEnvironment: JuanieApi['createEnvironment'] = (org, p, body) =>
    this.request(`${projectPath(org, p)}/environments`, {
      method: 'POST',
      body,
    });
  getEnvironment: JuanieApi['getEnvironment'] = (org, p, env) =>
    this.request(`${projectPath(org, p)}/environments/${seg(env)}`);
  updateEnvironment: JuanieApi['updateEnvironment'] = (org, p, env, body) =>
    this.request(`${projectPath(org, p)}/environments/${seg(env)}`, {
      method: 'PATCH',
      body,
    });
  deleteEnvironment: JuanieApi['deleteEnvironment'] = (org, p, env) =>
    this.request(`${projectPath(org, p)}/environments/${seg(env)}`, {
      method: 'DELETE',
    });

  listRepositories: JuanieApi['listRepositories'] = (org, p, page) =>
    this.request(`${projectPath(org, p)}/repositories`, { query: { ...page } });
  connectRepository: JuanieApi['connectRepository'] = (org, p, body) =>
    this.request(`${projectPath(org, p)}/repositories`, {
      method: 'POST',
      body,
    });
  getRepository: JuanieApi['getRepository'] = (org, p, id) =>
    this.request(`${projectPath(org, p)}/repositories/${seg(id)}`);
  disconnectRepository: JuanieApi['disconnectRepository'] = (org, p, id) =>
    this.request(`${projectPath(org, p)}/repositories/${seg(id)}`, {
      method: 'DELETE',
    });
  syncRepository: JuanieApi['syncRepository'] = (org, p, id) =>
    this.request(`${projectPath(org, p)}/repositories/${seg(id)}/sync`, {
      method: 'POST',
    });

  listPolicies: JuanieApi['listPolicies'] = query =>
    this.request('/policies', { query: { ...query } });
  createPolicy: JuanieApi['createPolicy'] = body =>
    this.request('/policies', { method: 'POST', body });
  updatePolicy: JuanieApi['updatePolicy'] = (id, body) =>
    this.request(policyPath(id), { method: 'PATCH', body });
  deletePolicy: JuanieApi['deletePolicy'] = id =>
    this.request(policyPath(id), { method: 'DELETE' });
  listPolicyRuleTypes: JuanieApi['listPolicyRuleTypes'] = () =>
    this.request('/policy-rule-types');
  listPolicyDecisions: JuanieApi['listPolicyDecisions'] = (id, query) =>
    this.request(`${policyPath(id)}/decisions`, { query: { ...query } });

  getAuditScope: JuanieApi['getAuditScope'] = () => this.request('/audit/scope');
  listAuditEvents: JuanieApi['listAuditEvents'] = (query, page) =>
    this.request('/audit', { query: { ...query, ...page } });
  verifyAuditChain: JuanieApi['verifyAuditChain'] = () =>
    this.request('/audit/verify');

  previewDeployment: JuanieApi['previewDeployment'] = (org, p, env, body) =>
    this.request(`${environmentPath(org, p, env)}/deployments/preview`, {
      method: 'POST',
      body,
    });
  requestDeployment: JuanieApi['requestDeployment'] = (org, p, env, body) =>
    this.request(`${environmentPath(org, p, env)}/deployments`, {
      method: 'POST',
      body,
    });
  listDeployments: JuanieApi['listDeployments'] = (org, p, query, page) =>
    this.request(`${projectPath(org, p)}/deployments`, {
      query: {
        environment: query?.environment,
        status: query?.status?.join(','),
        ...page,
      },
    });
  getDeployment: JuanieApi['getDeployment'] = id =>
    this.request(deploymentPath(id));
  getDeploymentDiff: JuanieApi['getDeploymentDiff'] = id =>
    this.request(`${deploymentPath(id)}/diff`);
  listPendingApprovals: JuanieApi['listPendingApprovals'] = page =>
    this.request('/approvals', { query: { ...page } });
  voteOnDeployment: JuanieApi['voteOnDeployment'] = (id, body) =>
    this.request(`${deploymentPath(id)}/approvals`, { method: 'POST', body });
  cancelDeployment: JuanieApi['cancelDeployment'] = (id, body = {}) =>
    this.request(`${deploymentPath(id)}/cancel`, { method: 'POST', body });
  rollBackDeployment: JuanieApi['rollBackDeployment'] = (id, body = {}) =>
    this.request(`${deploymentPath(id)}/rollback`, { method: 'POST', body });

  getProjectGitOps: JuanieApi['getProjectGitOps'] = (org, p) =>
    this.request(`${projectPath(org, p)}/gitops`);
  reconcileGitOps: JuanieApi['reconcileGitOps'] = (org, p, env) =>
    this.request(`${environmentPath(org, p, env)}/gitops/reconcile`, {
      method: 'POST',
    });
  suspendGitOps: JuanieApi['suspendGitOps'] = (org, p, env) =>
    this.request(`${environmentPath(org, p, env)}/gitops/suspend`, {
      method: 'POST',
    });
  resumeGitOps: JuanieApi['resumeGitOps'] = (org, p, env) =>
    this.request(`${environmentPath(org, p, env)}/gitops/resume`, {
      method: 'POST',
    });
  listClusters: JuanieApi['listClusters'] = () => this.request('/clusters');

  async exportAuditEvents(
    format: AuditExportFormat,
    query?: AuditQuery,
  ): Promise<AuditExport> {
    const response = await this.send('/audit/export', {
      query: { ...query, format },
    });
    const blob = await response.blob();
    return { blob, filename: filenameOf(response) ?? `audit.${format}` };
  }

  private async request<T>(path: string, options?: RequestOptions): Promise<T> {
    const response = await this.send(path, options);
    // DELETE and some actions answer 204 without a body.
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async send(path: string, options: RequestOptions = {}) {
    const baseUrl = await this.discoveryApi.getBaseUrl('juanie');
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${toSearch(options.query)}`,
      {
        method: options.method ?? 'GET',
        headers:
          options.body === undefined
            ? undefined
            : { 'Content-Type': 'application/json' },
        body:
          options.body === undefined ? undefined : JSON.stringify(options.body),
      },
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

function toSearch(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

function filenameOf(response: Response): string | undefined {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  return /filename="?([^";]+)"?/.exec(disposition)?.[1];
}
