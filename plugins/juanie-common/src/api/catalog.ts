import { z } from 'zod';

/**
 * Everything the catalog provider turns into entities, from `GET /catalog-source`
 * (service callers only).
 * @public
 */
export const catalogSourceSchema = z.object({
  organizations: z.array(z.object({ slug: z.string(), title: z.string(), description: z.string() })),
  teams: z.array(
    z.object({
      org: z.string(),
      slug: z.string(),
      title: z.string(),
      description: z.string(),
      members: z.array(z.string()),
    }),
  ),
  projects: z.array(
    z.object({
      org: z.string(),
      slug: z.string(),
      title: z.string(),
      description: z.string(),
      /** The team with the strongest role on the project, if any. */
      ownerTeam: z.string().nullable(),
      /** Direct owners, when no team owns the project. */
      owners: z.array(z.string()),
    }),
  ),
  environments: z.array(
    z.object({
      org: z.string(),
      project: z.string(),
      slug: z.string(),
      title: z.string(),
      kind: z.string(),
      cluster: z.string().nullable(),
      namespace: z.string().nullable(),
    }),
  ),
});
/** @public */
export type CatalogSource = z.infer<typeof catalogSourceSchema>;
