/**
 * Everything the catalog provider turns into entities, from `GET /catalog-source`
 * (service callers only).
 * @public
 */
export interface CatalogSource {
  organizations: Array<{ slug: string; title: string; description: string }>;
  teams: Array<{
    org: string;
    slug: string;
    title: string;
    description: string;
    members: string[];
  }>;
  projects: Array<{
    org: string;
    slug: string;
    title: string;
    description: string;
    /** The team with the strongest role on the project, if any. */
    ownerTeam: string | null;
    /** Direct owners, when no team owns the project. */
    owners: string[];
  }>;
  environments: Array<{
    org: string;
    project: string;
    slug: string;
    title: string;
    kind: string;
    cluster: string | null;
    namespace: string | null;
  }>;
}
