import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CatalogSource,
  CreateEnvironmentRequest,
  CreateProjectRequest,
  Environment,
  Project,
} from '@juanie/plugin-juanie-common';

/**
 * Juanie's REST API for other backend plugins and modules (scaffolder actions, catalog
 * provider). Calls go over HTTP with a token on behalf of the given credentials, so
 * Juanie's permission checks and audit trail apply exactly as for the portal.
 * @public
 */
export class JuanieServiceClient {
  constructor(private readonly deps: { discovery: DiscoveryService; auth: AuthService }) {}

  async createProject(
    org: string,
    body: CreateProjectRequest,
    options: { credentials: BackstageCredentials },
  ): Promise<Project> {
    return this.request('POST', `/orgs/${encodeURIComponent(org)}/projects`, options, body);
  }

  async getProject(
    org: string,
    project: string,
    options: { credentials: BackstageCredentials },
  ): Promise<Project | undefined> {
    return this.request<Project | undefined>(
      'GET',
      `/orgs/${encodeURIComponent(org)}/projects/${encodeURIComponent(project)}`,
      options,
    ).catch(error => {
      if (error instanceof ResponseError && error.statusCode === 404) return undefined;
      throw error;
    });
  }

  async createEnvironment(
    org: string,
    project: string,
    body: CreateEnvironmentRequest,
    options: { credentials: BackstageCredentials },
  ): Promise<Environment> {
    return this.request(
      'POST',
      `/orgs/${encodeURIComponent(org)}/projects/${encodeURIComponent(project)}/environments`,
      options,
      body,
    );
  }

  /** Every live organisation, team, project and environment (for service callers). */
  async getCatalogSource(options: { credentials: BackstageCredentials }): Promise<CatalogSource> {
    return this.request('GET', '/catalog-source', options);
  }

  private async request<T>(
    method: string,
    path: string,
    { credentials }: { credentials: BackstageCredentials },
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
    return (await response.json()) as T;
  }
}
