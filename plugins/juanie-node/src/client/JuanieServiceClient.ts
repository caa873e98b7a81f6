import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CatalogSource,
  ConnectRepositoryRequest,
  CreateEnvironmentRequest,
  CreateProjectRequest,
  Environment,
  Organization,
  Project,
  ProjectRole,
  ProjectTeam,
  Repository,
  Team,
  UpdateEnvironmentRequest,
} from '@juanie/plugin-juanie-common';

/** Who a call is made for: Juanie checks their permissions and records them in the audit trail. @public */
export interface JuanieCallOptions {
  credentials: BackstageCredentials;
}

const segment = encodeURIComponent;
const projectPath = (org: string, project: string) =>
  `/orgs/${segment(org)}/projects/${segment(project)}`;

/**
 * Juanie's REST API for other backend plugins and modules (scaffolder actions, catalog
 * provider). Calls go over HTTP with a token on behalf of the given credentials, so
 * Juanie's permission checks and audit trail apply exactly as for the portal.
 * Refusals are thrown as `ResponseError`s that keep Juanie's status code and message.
 * @public
 */
export class JuanieServiceClient {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  /** The organisation, or undefined when it does not exist (or the caller may not see it). */
  async getOrganization(
    org: string,
    options: JuanieCallOptions,
  ): Promise<Organization | undefined> {
    return this.orUndefined(
      this.request<Organization>('GET', `/orgs/${segment(org)}`, options),
    );
  }

  /** Creates a project; the caller becomes its owner. */
  async createProject(
    org: string,
    body: CreateProjectRequest,
    options: JuanieCallOptions,
  ): Promise<Project> {
    return this.request(
      'POST',
      `/orgs/${segment(org)}/projects`,
      options,
      body,
    );
  }

  /** The project, or undefined when it does not exist (or the caller may not see it). */
  async getProject(
    org: string,
    project: string,
    options: JuanieCallOptions,
  ): Promise<Project | undefined> {
    return this.orUndefined(
      this.request<Project>('GET', projectPath(org, project), options),
    );
  }

  /** A team of the organisation, or undefined when it does not exist. */
  async getTeam(
    org: string,
    team: string,
    options: JuanieCallOptions,
  ): Promise<Team | undefined> {
    return this.orUndefined(
      this.request<Team>(
        'GET',
        `/orgs/${segment(org)}/teams/${segment(team)}`,
        options,
      ),
    );
  }

  /** Gives a team of the organisation a role on the project. */
  async addProjectTeam(
    org: string,
    project: string,
    body: { team: string; role: ProjectRole },
    options: JuanieCallOptions,
  ): Promise<ProjectTeam> {
    return this.request(
      'POST',
      `${projectPath(org, project)}/teams`,
      options,
      body,
    );
  }

  /** The teams with a role on the project. */
  async listProjectTeams(
    org: string,
    project: string,
    options: JuanieCallOptions,
  ): Promise<ProjectTeam[]> {
    const page = await this.request<{ items: ProjectTeam[] }>(
      'GET',
      `${projectPath(org, project)}/teams`,
      options,
    );
    return page.items;
  }

  /** The project's environments in promotion order. */
  async listEnvironments(
    org: string,
    project: string,
    options: JuanieCallOptions,
  ): Promise<Environment[]> {
    const page = await this.request<{ items: Environment[] }>(
      'GET',
      `${projectPath(org, project)}/environments`,
      options,
    );
    return page.items;
  }

  async createEnvironment(
    org: string,
    project: string,
    body: CreateEnvironmentRequest,
    options: JuanieCallOptions,
  ): Promise<Environment> {
    return this.request(
      'POST',
      `${projectPath(org, project)}/environments`,
      options,
      body,
    );
  }

  /** Changes an environment; `gitops` sets (or with null, removes) its GitOps target. */
  async updateEnvironment(
    org: string,
    project: string,
    env: string,
    body: UpdateEnvironmentRequest,
    options: JuanieCallOptions,
  ): Promise<Environment> {
    return this.request(
      'PATCH',
      `${projectPath(org, project)}/environments/${segment(env)}`,
      options,
      body,
    );
  }

  /**
   * Makes Juanie create (or update) the environment's Flux GitRepository and Kustomization in
   * its cluster with server-side apply.
   */
  async applyFluxObjects(
    org: string,
    project: string,
    env: string,
    options: JuanieCallOptions,
  ): Promise<unknown> {
    return this.request(
      'PUT',
      `${projectPath(org, project)}/environments/${segment(env)}/gitops/flux`,
      options,
    );
  }

  /** The app and GitOps repositories connected to the project. */
  async listRepositories(
    org: string,
    project: string,
    options: JuanieCallOptions,
  ): Promise<Repository[]> {
    const page = await this.request<{ items: Repository[] }>(
      'GET',
      `${projectPath(org, project)}/repositories`,
      options,
    );
    return page.items;
  }

  /** Connects a repository to the project (Juanie keeps one record per URL). */
  async connectRepository(
    org: string,
    project: string,
    body: ConnectRepositoryRequest,
    options: JuanieCallOptions,
  ): Promise<Repository> {
    return this.request(
      'POST',
      `${projectPath(org, project)}/repositories`,
      options,
      body,
    );
  }

  /**
   * Records that the local repository at `url` was created for organisation `org`, which alone
   * may then connect it (only the scaffolder may, for a person allowed to create projects there).
   */
  async claimLocalRepository(
    org: string,
    url: string,
    options: JuanieCallOptions,
  ): Promise<{ url: string }> {
    return this.request('POST', `/orgs/${segment(org)}/repository-claims`, options, { url });
  }

  /** Every live organisation, team, project and environment (for service callers). */
  async getCatalogSource(options: JuanieCallOptions): Promise<CatalogSource> {
    return this.request('GET', '/catalog-source', options);
  }

  private async orUndefined<T>(response: Promise<T>): Promise<T | undefined> {
    try {
      return await response;
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode === 404)
        return undefined;
      throw error;
    }
  }

  private async request<T>(
    method: string,
    path: string,
    { credentials }: JuanieCallOptions,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.deps.discovery.getBaseUrl('juanie');
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'juanie',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) {
      const error = await ResponseError.fromResponse(response);
      // Keep the status for callers, and say what Juanie said rather than only the status.
      error.message = `Juanie refused ${method} ${path}: ${error.body.error.message}`;
      throw error;
    }
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}
