import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  EntityLink,
  GroupEntity,
  ResourceEntity,
  SystemEntity,
} from '@backstage/catalog-model';
import { CatalogSource } from '@juanie/plugin-juanie-common';
import {
  entityName,
  organizationRef,
  projectRef,
  teamEntityName,
  teamRef,
} from './entityNames';

/** Annotations that tie catalog entities to Juanie. @public */
export const JUANIE_PROJECT_ANNOTATION = 'juanie.io/project';
/** @public */
export const JUANIE_ENVIRONMENT_ANNOTATION = 'juanie.io/environment';
/** @public */
export const JUANIE_ORGANIZATION_ANNOTATION = 'juanie.io/organization';

type Organization = CatalogSource['organizations'][number];
type Team = CatalogSource['teams'][number];
type Project = CatalogSource['projects'][number];
type Environment = CatalogSource['environments'][number];

/** What every entity shares: where Juanie's pages are and which location manages them. */
class JuanieSite {
  readonly root: string;
  readonly location: string;

  constructor(appBaseUrl: string) {
    this.root = `${appBaseUrl.replace(/\/+$/, '')}/juanie`;
    this.location = `juanie:${this.root}`;
  }

  page(...path: string[]): string {
    return [this.root, ...path.map(encodeURIComponent)].join('/');
  }

  metadata(
    fields: { namespace: string; name: string; title: string; description: string },
    annotations: Record<string, string>,
    links: EntityLink[],
  ): Entity['metadata'] {
    return {
      namespace: fields.namespace,
      name: fields.name,
      title: fields.title,
      ...(fields.description ? { description: fields.description } : {}),
      annotations: {
        [ANNOTATION_LOCATION]: this.location,
        [ANNOTATION_ORIGIN_LOCATION]: this.location,
        ...annotations,
      },
      links,
    };
  }
}

function organizationGroup(site: JuanieSite, org: Organization, teams: Team[]): GroupEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: site.metadata(
      { namespace: entityName(org.slug), name: entityName(org.slug), title: org.title, description: org.description },
      { [JUANIE_ORGANIZATION_ANNOTATION]: org.slug },
      [{ url: site.page('orgs', org.slug), title: 'Organisation in Juanie' }],
    ),
    spec: {
      type: 'organization',
      profile: { displayName: org.title },
      children: teams.map(team => teamRef(team.org, team.slug)).sort(),
    },
  };
}

function teamGroup(site: JuanieSite, team: Team): GroupEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: site.metadata(
      {
        namespace: entityName(team.org),
        name: teamEntityName(team.org, team.slug),
        title: team.title,
        description: team.description,
      },
      { [JUANIE_ORGANIZATION_ANNOTATION]: team.org },
      [{ url: site.page('orgs', team.org, 'teams', team.slug), title: 'Team in Juanie' }],
    ),
    spec: {
      type: 'team',
      profile: { displayName: team.title },
      parent: organizationRef(team.org),
      children: [],
      // Full refs: a bare name would resolve in the organisation's namespace, not the users'.
      members: [...new Set(team.members)].sort(),
    },
  };
}

function projectSystem(site: JuanieSite, project: Project): SystemEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: site.metadata(
      {
        namespace: entityName(project.org),
        name: entityName(project.slug),
        title: project.title,
        description: project.description,
      },
      { [JUANIE_PROJECT_ANNOTATION]: `${project.org}/${project.slug}` },
      [
        { url: site.page('orgs', project.org, 'projects', project.slug), title: 'Project in Juanie' },
        { url: site.page('orgs', project.org, 'projects', project.slug, 'gitops'), title: 'GitOps status' },
        { url: site.page('orgs', project.org), title: 'Organisation in Juanie' },
      ],
    ),
    spec: { owner: projectOwner(project) },
  };
}

/** The team with the strongest role on the project, else the whole organisation. */
function projectOwner(project: Pick<Project, 'org' | 'ownerTeam'>): string {
  return project.ownerTeam ? teamRef(project.org, project.ownerTeam) : organizationRef(project.org);
}

function environmentDescription(env: Environment, projectTitle: string): string {
  const parts = [`The ${env.kind} environment of ${projectTitle}.`];
  if (env.cluster) parts.push(`Cluster: ${env.cluster}.`);
  if (env.namespace) parts.push(`Namespace: ${env.namespace}.`);
  return parts.join(' ');
}

function environmentResource(site: JuanieSite, env: Environment, project?: Project): ResourceEntity {
  const projectTitle = project?.title ?? env.project;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: site.metadata(
      {
        namespace: entityName(env.org),
        name: entityName(env.project, env.slug),
        title: `${projectTitle}: ${env.title}`,
        description: environmentDescription(env, projectTitle),
      },
      {
        [JUANIE_PROJECT_ANNOTATION]: `${env.org}/${env.project}`,
        [JUANIE_ENVIRONMENT_ANNOTATION]: `${env.org}/${env.project}/${env.slug}`,
      },
      [
        { url: site.page('orgs', env.org, 'projects', env.project), title: 'Environments in Juanie' },
        { url: site.page('orgs', env.org, 'projects', env.project, 'gitops'), title: 'GitOps status' },
      ],
    ),
    spec: {
      type: 'environment',
      owner: projectOwner(project ?? { org: env.org, ownerTeam: null }),
      system: projectRef(env.org, env.project),
    },
  };
}

/**
 * Juanie's organisations, teams, projects and environments as catalog entities. Each
 * organisation is a catalog namespace: `group:<org>/<org>` (type organization),
 * `group:<org>/<team>` (type team), `system:<org>/<project>` and
 * `resource:<org>/<project>--<env>` (type environment).
 * @public
 */
export function juanieEntities(source: CatalogSource, appBaseUrl: string): Entity[] {
  const site = new JuanieSite(appBaseUrl);
  const projects = new Map(source.projects.map(p => [`${p.org}/${p.slug}`, p]));
  return [
    ...source.organizations.map(org =>
      organizationGroup(site, org, source.teams.filter(team => team.org === org.slug)),
    ),
    ...source.teams.map(team => teamGroup(site, team)),
    ...source.projects.map(project => projectSystem(site, project)),
    ...source.environments.map(env =>
      environmentResource(site, env, projects.get(`${env.org}/${env.project}`)),
    ),
  ];
}
