import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  JUANIE_ORGANIZATION_RESOURCE_TYPE,
  JUANIE_PROJECT_RESOURCE_TYPE,
  juanieOrganizationPermissions,
  juaniePermissions,
  juanieProjectPermissions,
} from '@juanie/plugin-juanie-common';
import {
  JuanieOrganizationResource,
  juanieOrganizationRules,
  juanieProjectRules,
  juanieOrganizationResourceRef,
  JuanieProjectResource,
  juanieProjectResourceRef,
} from '@juanie/plugin-juanie-node';
import { OrganizationService } from '../orgs/OrganizationService';
import { ProjectService } from '../projects/ProjectService';

/** Loads what permission rules see of a resource, by its resource ref. */
export type ResourceLoader = (ref: string) => Promise<unknown | undefined>;

/** Loaders for Juanie's two resource types: org slug, and `<org>/<project>`. */
export function createResourceLoaders(services: {
  orgs: OrganizationService;
  projects: ProjectService;
}): Record<string, ResourceLoader> {
  const { orgs, projects } = services;
  const loadOrganization = async (slug: string): Promise<JuanieOrganizationResource | undefined> => {
    const org = await orgs.get(slug).catch(() => undefined);
    return org && { org: org.slug, roles: await orgs.principalRoles(org) };
  };
  const loadProject = async (ref: string): Promise<JuanieProjectResource | undefined> => {
    const [orgSlug, projectSlug] = ref.split('/');
    const org = await orgs.get(orgSlug).catch(() => undefined);
    const project = org && (await projects.get(org, projectSlug ?? '').catch(() => undefined));
    return (
      project && {
        org: org.slug,
        project: project.slug,
        roles: await projects.principalRoles(project),
      }
    );
  };
  return {
    [JUANIE_ORGANIZATION_RESOURCE_TYPE]: loadOrganization,
    [JUANIE_PROJECT_RESOURCE_TYPE]: loadProject,
  };
}

/**
 * Registers Juanie's permissions and its two resource types, so that conditional decisions of
 * the permission policy (e.g. "has project role at least maintainer") can be evaluated.
 */
export function registerPermissionResources(
  registry: PermissionsRegistryService,
  loaders: Record<string, ResourceLoader>,
) {
  registry.addPermissions(juaniePermissions);
  registry.addResourceType({
    resourceRef: juanieOrganizationResourceRef,
    permissions: juanieOrganizationPermissions,
    rules: juanieOrganizationRules,
    getResources: refs =>
      Promise.all(
        refs.map(ref =>
          loaders[JUANIE_ORGANIZATION_RESOURCE_TYPE](ref) as Promise<JuanieOrganizationResource | undefined>,
        ),
      ),
  });
  registry.addResourceType({
    resourceRef: juanieProjectResourceRef,
    permissions: juanieProjectPermissions,
    rules: juanieProjectRules,
    getResources: refs =>
      Promise.all(
        refs.map(ref => loaders[JUANIE_PROJECT_RESOURCE_TYPE](ref) as Promise<JuanieProjectResource | undefined>),
      ),
  });
}
