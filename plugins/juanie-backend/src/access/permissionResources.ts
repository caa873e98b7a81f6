import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  juanieOrganizationPermissions,
  juaniePermissions,
  juanieProjectPermissions,
} from '@juanie/plugin-juanie-common';
import {
  hasOrganizationRole,
  hasProjectRole,
  JuanieOrganizationResource,
  juanieOrganizationResourceRef,
  JuanieProjectResource,
  juanieProjectResourceRef,
} from '@juanie/plugin-juanie-node';
import { OrganizationService } from '../orgs/OrganizationService';
import { ProjectService } from '../projects/ProjectService';

/**
 * Registers Juanie's permissions and its two resource types, so that conditional decisions of
 * the permission policy (e.g. "has project role at least maintainer") are evaluated here.
 */
export function registerPermissionResources(
  registry: PermissionsRegistryService,
  services: { orgs: OrganizationService; projects: ProjectService },
) {
  const { orgs, projects } = services;
  registry.addPermissions(juaniePermissions);
  registry.addResourceType({
    resourceRef: juanieOrganizationResourceRef,
    permissions: juanieOrganizationPermissions,
    rules: [hasOrganizationRole],
    getResources: async refs =>
      Promise.all(
        refs.map(async (slug): Promise<JuanieOrganizationResource | undefined> => {
          const org = await orgs.get(slug).catch(() => undefined);
          return org && { org: org.slug, roles: await orgs.principalRoles(org) };
        }),
      ),
  });
  registry.addResourceType({
    resourceRef: juanieProjectResourceRef,
    permissions: juanieProjectPermissions,
    rules: [hasProjectRole],
    getResources: async refs =>
      Promise.all(
        refs.map(async (ref): Promise<JuanieProjectResource | undefined> => {
          const [orgSlug, projectSlug] = ref.split('/');
          const org = await orgs.get(orgSlug).catch(() => undefined);
          const project = org && (await projects.get(org, projectSlug).catch(() => undefined));
          return (
            project && {
              org: org.slug,
              project: project.slug,
              roles: await projects.principalRoles(project, org),
            }
          );
        }),
      ),
  });
}
