import { Entity } from '@backstage/catalog-model';
import { CatalogSource } from '@juanie/plugin-juanie-common';
import { createHash } from 'node:crypto';

/** Annotations that tie catalog entities to Juanie. @public */
export const JUANIE_PROJECT_ANNOTATION = 'juanie.io/project';
/** @public */
export const JUANIE_ENVIRONMENT_ANNOTATION = 'juanie.io/environment';
/** @public */
export const JUANIE_ORGANIZATION_ANNOTATION = 'juanie.io/organization';

const LOCATION = 'juanie-provider:juanie';

/** Entity names are at most 63 characters; long combinations keep a hash to stay unique. */
function entityName(...parts: string[]): string {
  const name = parts.join('--');
  if (name.length <= 63) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, 54)}-${hash}`;
}

function metadata(
  namespace: string,
  name: string,
  title: string,
  description: string,
  annotations: Record<string, string>,
  links: Array<{ url: string; title: string }>,
) {
  return {
    namespace,
    name,
    title,
    ...(description ? { description } : {}),
    annotations: {
      'backstage.io/managed-by-location': LOCATION,
      'backstage.io/managed-by-origin-location': LOCATION,
      ...annotations,
    },
    links,
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
  const page = (path: string) => `${appBaseUrl.replace(/\/$/, '')}/juanie${path}`;
  const entities: Entity[] = [];

  for (const org of source.organizations) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: metadata(org.slug, org.slug, org.title, org.description, {
        [JUANIE_ORGANIZATION_ANNOTATION]: org.slug,
      }, [{ url: page(`/orgs/${org.slug}`), title: 'Juanie organisation' }]),
      spec: { type: 'organization', children: [] },
    });
  }
  for (const team of source.teams) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: metadata(team.org, entityName(team.slug), team.title, team.description, {
        [JUANIE_ORGANIZATION_ANNOTATION]: team.org,
      }, [{ url: page(`/orgs/${team.org}`), title: 'Juanie organisation' }]),
      spec: {
        type: 'team',
        parent: `group:${team.org}/${team.org}`,
        children: [],
        members: team.members,
      },
    });
  }
  for (const project of source.projects) {
    const owner = project.ownerTeam
      ? `group:${project.org}/${entityName(project.ownerTeam)}`
      : project.owners[0] ?? `group:${project.org}/${project.org}`;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: metadata(project.org, entityName(project.slug), project.title, project.description, {
        [JUANIE_PROJECT_ANNOTATION]: `${project.org}/${project.slug}`,
      }, [{ url: page(`/orgs/${project.org}/projects/${project.slug}`), title: 'Juanie project' }]),
      spec: { owner },
    });
  }
  const systemOwner = new Map(
    entities.filter(e => e.kind === 'System').map(e => [e.metadata.name, e.spec!.owner as string]),
  );
  for (const env of source.environments) {
    const system = entityName(env.project);
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: metadata(env.org, entityName(env.project, env.slug), `${env.project} ${env.title}`, '', {
        [JUANIE_PROJECT_ANNOTATION]: `${env.org}/${env.project}`,
        [JUANIE_ENVIRONMENT_ANNOTATION]: `${env.org}/${env.project}/${env.slug}`,
      }, [{ url: page(`/orgs/${env.org}/projects/${env.project}`), title: 'Juanie environment' }]),
      spec: {
        type: 'environment',
        owner: systemOwner.get(system) ?? `group:${env.org}/${env.org}`,
        system: `system:${env.org}/${system}`,
      },
    });
  }
  return entities;
}
