import { createExtensionPoint } from '@backstage/backend-plugin-api';
import {
  ApprovalRule,
  CreateEnvironmentRequest,
  CreatePolicyRequest,
  OrgRole,
  REPOSITORY_PURPOSES,
  ProjectRole,
  TeamRole,
  UpdateEnvironmentRequest,
} from '@juanie/plugin-juanie-common';

/**
 * Changes made by Juanie itself on behalf of `actor` (with an owner's role ceilings), each
 * through the same service, checks and audit trail as the API's. For seeding data at start.
 *
 * @public
 */
export interface JuanieSeedChanges {
  createOrganization(request: {
    slug: string;
    title: string;
    description?: string;
    quota?: { maxProjects?: number; maxEnvironmentsPerProject?: number; maxMembers?: number };
  }): Promise<void>;
  addOrganizationMember(org: string, member: { userRef: string; role: OrgRole }): Promise<void>;
  createTeam(org: string, request: { slug: string; title: string; description?: string }): Promise<void>;
  addTeamMember(org: string, team: string, member: { userRef: string; role: TeamRole }): Promise<void>;
  createProject(org: string, request: { slug: string; title: string; description?: string }): Promise<void>;
  addProjectMember(org: string, project: string, member: { userRef: string; role: ProjectRole }): Promise<void>;
  addProjectTeam(org: string, project: string, team: string, role: ProjectRole): Promise<void>;
  createEnvironment(
    org: string,
    project: string,
    request: CreateEnvironmentRequest & { approval?: ApprovalRule },
  ): Promise<void>;
  updateEnvironment(org: string, project: string, env: string, patch: UpdateEnvironmentRequest): Promise<void>;
  /**
   * Claims a `file://` repository for the organisation (only it may connect it), connects it
   * to the project and records its head as a sync would. Returns the repository's id.
   */
  connectLocalRepository(
    org: string,
    project: string,
    request: { url: string; purpose: (typeof REPOSITORY_PURPOSES)[number] },
  ): Promise<{ id: string }>;
  createPolicy(request: CreatePolicyRequest): Promise<void>;
}

/**
 * What a seed gets: whether Juanie holds any data yet, and changes as an actor.
 *
 * @public
 */
export interface JuanieSeedContext {
  /** True while no organisation exists (a fresh database). */
  isEmpty(): Promise<boolean>;
  /** Changes made as `actor` (a user entity ref), audited as Juanie's own. */
  changesAs(actor: string): JuanieSeedChanges;
}

/**
 * A seed runs once per start, after the database is migrated and before Juanie serves
 * requests or starts its clusters (so clusters see the seeded environments).
 *
 * @public
 */
export type JuanieSeed = (context: JuanieSeedContext) => Promise<void>;

/**
 * Where a backend module adds seeds (the dev module's demo data).
 *
 * @public
 */
export interface JuanieSeedsExtensionPoint {
  addSeed(seed: JuanieSeed): void;
}

/**
 * The extension point for seeds.
 *
 * @public
 */
export const juanieSeedsExtensionPoint = createExtensionPoint<JuanieSeedsExtensionPoint>({
  id: 'juanie.seeds',
});
