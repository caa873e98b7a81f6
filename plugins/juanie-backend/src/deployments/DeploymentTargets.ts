import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { juanieProjectReadPermission } from '@juanie/plugin-juanie-common';
import { AccessControl } from '../access/AccessControl';
import { Knex } from 'knex';
import { GitOpsWorkingCopy } from '../gitops';
import { OrganizationService } from '../orgs/OrganizationService';
import { OrganizationRecord } from '../orgs/OrganizationStore';
import { EnvironmentService } from '../projects/EnvironmentService';
import { EnvironmentRecord } from '../projects/EnvironmentStore';
import { ProjectService } from '../projects/ProjectService';
import { ProjectRecord } from '../projects/ProjectStore';
import { RepositoryService } from '../repositories/RepositoryService';
import { DeploymentRecord, DeploymentStore } from './DeploymentStore';

/** The 404 of a deployment that does not exist, or that the caller cannot see. */
export function unknownDeployment(id: string): NotFoundError {
  return new NotFoundError(`No deployment ${id}`);
}

/** A deployment with the organisation, project and environment it belongs to. */
export interface DeploymentInContext {
  deployment: DeploymentRecord;
  org: OrganizationRecord;
  project: ProjectRecord;
  env: EnvironmentRecord;
}

/** Where an environment's manifests are: its repository's working copy, branch and path. */
export interface GitOpsLocation {
  repositoryId: string;
  repositoryUrl: string;
  workingCopy: GitOpsWorkingCopy;
  branch: string;
  path: string;
}

/** Resolves deployments to their project and environment, and environments to their GitOps path. */
export class DeploymentTargets {
  constructor(
    private readonly deps: {
      store: DeploymentStore;
      access: AccessControl;
      orgs: OrganizationService;
      projects: ProjectService;
      environments: EnvironmentService;
      repositories: RepositoryService;
      workingCopyFor(url: string, org: string): GitOpsWorkingCopy;
    },
  ) {}

  /** 404 for unknown ids and for deployments of deleted projects or environments. */
  async resolve(id: string, trx?: Knex): Promise<DeploymentInContext> {
    const deployment = await this.deps.store.get(id, trx);
    if (!deployment) throw unknownDeployment(id);
    const org = await this.deps.orgs.get(deployment.org, trx);
    const project = await this.deps.projects.get(org, deployment.project, trx);
    const env = await this.deps.environments.get(project, deployment.environment, trx);
    // Slugs are freed on deletion: a new environment of the same name is not this deployment's.
    if (env.id !== deployment.environmentId || project.id !== deployment.projectId) {
      throw new NotFoundError(`Deployment ${id} belongs to a deleted environment ${deployment.environment}`);
    }
    return { deployment, org, project, env };
  }

  /**
   * For a caller's request: the same 404 whether the deployment does not exist or is in a
   * project they cannot read, checked before anything else about it is said.
   */
  async resolveFor(credentials: BackstageCredentials, id: string): Promise<DeploymentInContext> {
    const deployment = await this.deps.store.get(id);
    const projectRef = deployment && `${deployment.org}/${deployment.project}`;
    if (!projectRef || !(await this.deps.access.can(credentials, juanieProjectReadPermission, projectRef))) {
      throw unknownDeployment(id);
    }
    return this.resolve(id);
  }

  /** The environment's GitOps location; 400 when it has none. */
  async gitops(project: ProjectRecord, env: EnvironmentRecord): Promise<GitOpsLocation> {
    if (!env.gitops) {
      throw new NotFoundError(`Environment ${env.slug} has no GitOps target any more`);
    }
    const repository = await this.deps.repositories.get(project, env.gitops.repositoryId);
    return {
      repositoryId: repository.id,
      repositoryUrl: repository.url,
      workingCopy: this.deps.workingCopyFor(repository.url, project.org),
      branch: env.gitops.branch,
      path: env.gitops.path,
    };
  }
}
