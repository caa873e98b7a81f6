import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ConnectRepositoryRequest,
  CreateEnvironmentRequest,
  CreateProjectRequest,
  fetchOperation,
  juanieContract as c,
  Operation,
  OperationInput,
  OperationResponse,
  ProjectRole,
  readOperationResponse,
  UpdateEnvironmentRequest,
} from '@juanie/plugin-juanie-common';

/** Who a call is made for: Juanie checks their permissions and records them in the audit trail. @public */
export interface JuanieCallOptions {
  credentials: BackstageCredentials;
}

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
  async getOrganization(org: string, options: JuanieCallOptions) {
    return this.orUndefined(this.call(c.getOrganization, { params: { org } }, options));
  }

  /** Creates a project; the caller becomes its owner. */
  async createProject(org: string, body: CreateProjectRequest, options: JuanieCallOptions) {
    return this.call(c.createProject, { params: { org }, body }, options);
  }

  /** The project, or undefined when it does not exist (or the caller may not see it). */
  async getProject(org: string, project: string, options: JuanieCallOptions) {
    return this.orUndefined(this.call(c.getProject, { params: { org, project } }, options));
  }

  /** A team of the organisation, or undefined when it does not exist. */
  async getTeam(org: string, team: string, options: JuanieCallOptions) {
    return this.orUndefined(this.call(c.getTeam, { params: { org, team } }, options));
  }

  /** Gives a team of the organisation a role on the project. */
  async addProjectTeam(
    org: string,
    project: string,
    body: { team: string; role: ProjectRole },
    options: JuanieCallOptions,
  ) {
    return this.call(c.addProjectTeam, { params: { org, project }, body }, options);
  }

  /** The teams with a role on the project. */
  async listProjectTeams(org: string, project: string, options: JuanieCallOptions) {
    return (await this.call(c.listProjectTeams, { params: { org, project } }, options)).items;
  }

  /** The project's environments in promotion order. */
  async listEnvironments(org: string, project: string, options: JuanieCallOptions) {
    return (await this.call(c.listEnvironments, { params: { org, project } }, options)).items;
  }

  async createEnvironment(
    org: string,
    project: string,
    body: CreateEnvironmentRequest,
    options: JuanieCallOptions,
  ) {
    return this.call(c.createEnvironment, { params: { org, project }, body }, options);
  }

  /** Changes an environment; `gitops` sets (or with null, removes) its GitOps target. */
  async updateEnvironment(
    org: string,
    project: string,
    env: string,
    body: UpdateEnvironmentRequest,
    options: JuanieCallOptions,
  ) {
    return this.call(c.updateEnvironment, { params: { org, project, env }, body }, options);
  }

  /**
   * Makes Juanie create (or update) the environment's Flux GitRepository and Kustomization in
   * its cluster with server-side apply.
   */
  async applyFluxObjects(org: string, project: string, env: string, options: JuanieCallOptions) {
    return this.call(c.applyGitOpsFlux, { params: { org, project, env } }, options);
  }

  /** The app and GitOps repositories connected to the project. */
  async listRepositories(org: string, project: string, options: JuanieCallOptions) {
    return (await this.call(c.listRepositories, { params: { org, project } }, options)).items;
  }

  /** Connects a repository to the project (Juanie keeps one record per URL). */
  async connectRepository(
    org: string,
    project: string,
    body: ConnectRepositoryRequest,
    options: JuanieCallOptions,
  ) {
    return this.call(c.connectRepository, { params: { org, project }, body }, options);
  }

  /**
   * Records that the local repository at `url` was created for organisation `org`, which alone
   * may then connect it (only the scaffolder may, for a person allowed to create projects there).
   */
  async claimLocalRepository(org: string, url: string, options: JuanieCallOptions) {
    return this.call(c.claimRepository, { params: { org }, body: { url } }, options);
  }

  /** Every live organisation, team, project and environment (for service callers). */
  async getCatalogSource(options: JuanieCallOptions) {
    return this.call(c.getCatalogSource, {}, options);
  }

  /**
   * Calls any operation of the contract on behalf of the credentials (the MCP actions and
   * other modules reach every route this way, typed by the contract).
   */
  async call<O extends Operation>(
    operation: O,
    input: OperationInput<O>,
    { credentials }: JuanieCallOptions,
  ): Promise<OperationResponse<O>> {
    const baseUrl = await this.deps.discovery.getBaseUrl('juanie');
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'juanie',
    });
    const response = await fetchOperation((url, init) => fetch(url, init), baseUrl, operation, input, {
      Authorization: `Bearer ${token}`,
    });
    if (!response.ok) {
      const error = await ResponseError.fromResponse(response);
      // Keep the status for callers, and say what Juanie said rather than only the status.
      error.message = `Juanie refused ${operation.method.toUpperCase()} ${operation.path}: ${error.body.error.message}`;
      throw error;
    }
    return readOperationResponse<O>(response);
  }

  private async orUndefined<T>(response: Promise<T>): Promise<T | undefined> {
    try {
      return await response;
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode === 404) return undefined;
      throw error;
    }
  }
}
