import { CatalogSource, isProjectRoleAtLeast, ProjectRole } from '@juanie/plugin-juanie-common';
import { OrganizationService } from '../orgs/OrganizationService';
import { TeamService } from '../orgs/TeamService';
import { EnvironmentService } from '../projects/EnvironmentService';
import { ProjectService } from '../projects/ProjectService';

const EVERYTHING = 10_000;

/** Reads every live organisation, team, project and environment for the catalog provider. */
export class CatalogSourceReader {
  constructor(
    private readonly services: {
      orgs: OrganizationService;
      teams: TeamService;
      projects: ProjectService;
      environments: EnvironmentService;
    },
  ) {}

  async read(): Promise<CatalogSource> {
    const { orgs, teams, projects, environments } = this.services;
    const source: CatalogSource = { organizations: [], teams: [], projects: [], environments: [] };
    for (const org of await orgs.list({ all: true }, EVERYTHING)) {
      source.organizations.push({ slug: org.slug, title: org.title, description: org.description });
      for (const team of await teams.list(org, EVERYTHING)) {
        const record = await teams.get(org, team.slug);
        const members = await teams.listMembers(record, EVERYTHING);
        source.teams.push({
          org: org.slug,
          slug: team.slug,
          title: team.title,
          description: team.description,
          members: members.map(m => m.userRef),
        });
      }
      for (const project of await projects.list(org, { all: true }, EVERYTHING)) {
        const grants = await projects.listTeams(project);
        const strongest = grants.reduce<{ team: string; role: ProjectRole } | undefined>(
          (best, grant) =>
            !best || (isProjectRoleAtLeast(grant.role, best.role) && grant.role !== best.role)
              ? grant
              : best,
          undefined,
        );
        const members = await projects.listMembers(project, EVERYTHING);
        source.projects.push({
          org: org.slug,
          slug: project.slug,
          title: project.title,
          description: project.description,
          ownerTeam: strongest?.team ?? null,
          owners: members.filter(m => m.role === 'owner').map(m => m.userRef),
        });
        for (const env of await environments.list(project)) {
          source.environments.push({
            org: org.slug,
            project: project.slug,
            slug: env.slug,
            title: env.title,
            kind: env.kind,
            cluster: env.cluster,
            namespace: env.namespace,
          });
        }
      }
    }
    return source;
  }
}
