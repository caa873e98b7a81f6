import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { SignalsService } from '@backstage/plugin-signals-node';
import { JsonObject } from '@backstage/types';
import { OrganizationService } from '../orgs/OrganizationService';
import { ProjectService } from './ProjectService';

/** The project a signal is about, by slugs (as signals name it). */
export interface SignalledProject {
  org: string;
  project: string;
}

/**
 * Live hints about a project go only to those who may read it: every principal with a role on
 * it (direct members, team members, the organisation's owners and admins, as ProjectRoles
 * derives them) and the platform admins. Group refs are sent as they are: the signals backend
 * matches a recipient against each connection's ownership refs, so a group's members get them.
 * Best effort: a failure is logged, never thrown into the change that caused it.
 */
export class ProjectSignals {
  constructor(
    private readonly deps: {
      signals: SignalsService;
      orgs: Pick<OrganizationService, 'get'>;
      projects: Pick<ProjectService, 'get' | 'principalRoles'>;
      platformAdmins: string[];
      logger: LoggerService;
    },
  ) {}

  /** The refs that may read the project; only platform admins once it no longer exists. */
  async readersOf({ org: orgSlug, project: projectSlug }: SignalledProject): Promise<string[]> {
    const readers = new Set(this.deps.platformAdmins);
    try {
      const org = await this.deps.orgs.get(orgSlug);
      const project = await this.deps.projects.get(org, projectSlug);
      // Every project role includes reading it (viewer is the least).
      for (const { principalRef } of await this.deps.projects.principalRoles(project)) {
        readers.add(principalRef);
      }
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    return [...readers];
  }

  async publish(about: SignalledProject, channel: string, message: JsonObject): Promise<void> {
    try {
      const entityRef = await this.readersOf(about);
      if (entityRef.length === 0) return;
      await this.deps.signals.publish({ recipients: { type: 'user', entityRef }, channel, message });
    } catch (error) {
      this.deps.logger.warn(
        `Could not publish the ${channel} signal of ${about.org}/${about.project}: ${error}`,
      );
    }
  }
}
