import { Request } from 'express';
import { AccessControl } from '../access/AccessControl';
import { Caller, Callers } from '../access/Callers';
import { AuditedStep, AuditTrail } from '../audit/AuditTrail';
import { OrganizationService, unknownOrganization } from '../orgs/OrganizationService';
import { OrganizationRecord } from '../orgs/OrganizationStore';
import { ProjectService, unknownProject } from './ProjectService';
import { ProjectRecord } from './ProjectStore';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { juanieOrganizationReadPermission, juanieProjectReadPermission } from '@juanie/plugin-juanie-common';

/** A project resolved from `/orgs/:org/projects/:project`, with its organisation. */
export interface ProjectInContext {
  caller: Caller;
  org: OrganizationRecord;
  project: ProjectRecord;
}

/**
 * Resolves the project of a request and checks a project permission on it; the routes of
 * every project sub-resource (members, teams, environments, repositories) start here.
 */
export class ProjectAccess {
  constructor(
    private readonly deps: {
      callers: Callers;
      access: AccessControl;
      audit: AuditTrail;
      orgs: OrganizationService;
      projects: ProjectService;
    },
  ) {}

  /**
   * For reads: 404 for unknown names and for what the caller cannot see (the same answer),
   * 403 without the permission on a project they see.
   */
  async read(req: Request, permission: ResourcePermission): Promise<ProjectInContext> {
    const caller = await this.deps.callers.of(req);
    return this.resolve(req, caller, permission);
  }

  /** For changes: everything, including refusals, lands in the audit trail. */
  async change<T>(
    req: Request,
    action: string,
    resourceType: string,
    permission: ResourcePermission,
    body: (step: AuditedStep, target: ProjectInContext) => Promise<T>,
  ): Promise<T> {
    const caller = await this.deps.callers.of(req);
    const { org, project } = req.params;
    return this.deps.audit.action(
      caller.ctx,
      action,
      { resourceType, org, project, resourceId: `${org}/${project}` },
      async step => body(step, await this.resolve(req, caller, permission)),
    );
  }

  private async resolve(req: Request, caller: Caller, permission: ResourcePermission) {
    const { credentials } = caller.ctx;
    const org = await this.deps.orgs.get(req.params.org);
    await this.deps.access.requireVisible(credentials, juanieOrganizationReadPermission, org.slug, () =>
      unknownOrganization(org.slug),
    );
    const project = await this.deps.projects.get(org, req.params.project);
    await this.deps.access.requireVisible(
      credentials,
      juanieProjectReadPermission,
      `${org.slug}/${project.slug}`,
      () => unknownProject(org, project.slug),
    );
    await this.deps.access.require(
      caller.ctx.credentials,
      permission,
      `${org.slug}/${project.slug}`,
    );
    return { caller, org, project };
  }
}
