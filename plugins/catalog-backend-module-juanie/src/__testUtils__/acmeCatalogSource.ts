import { CatalogSource } from '@juanie/plugin-juanie-common';

/** One organisation with a team, a project the team owns, and its staging environment. */
export const acmeCatalogSource: CatalogSource = {
  organizations: [{ slug: 'acme', title: 'Acme', description: 'Demo company' }],
  teams: [
    {
      org: 'acme',
      slug: 'web-team',
      title: 'Web team',
      description: '',
      members: ['user:default/bob', 'user:default/alice'],
    },
  ],
  projects: [
    {
      org: 'acme',
      slug: 'shop',
      title: 'Shop',
      description: 'Web shop',
      ownerTeam: 'web-team',
      owners: ['user:default/carol'],
    },
  ],
  environments: [
    {
      org: 'acme',
      project: 'shop',
      slug: 'staging',
      title: 'Staging',
      kind: 'staging',
      cluster: 'local',
      namespace: 'shop-staging',
    },
  ],
};
