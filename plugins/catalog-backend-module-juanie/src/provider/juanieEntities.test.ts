import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogSource } from '@juanie/plugin-juanie-common';
import { acmeCatalogSource } from '../__testUtils__/acmeCatalogSource';
import {
  catalogProblemsByRef,
  catalogRelations,
} from '../__testUtils__/catalogChecks';
import { juanieEntities } from './juanieEntities';

const location = 'juanie:http://localhost:3000/juanie';
const managedBy = {
  'backstage.io/managed-by-location': location,
  'backstage.io/managed-by-origin-location': location,
};

function entitiesOf(source: CatalogSource): Record<string, Entity> {
  const entities = juanieEntities(source, 'http://localhost:3000/');
  return Object.fromEntries(entities.map(e => [stringifyEntityRef(e), e]));
}

describe('juanieEntities', () => {
  const entities = entitiesOf(acmeCatalogSource);

  it('makes the organisation a group of type organization with its teams as children', () => {
    expect(entities['group:acme/acme']).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        namespace: 'acme',
        name: 'acme',
        title: 'Acme',
        description: 'Demo company',
        annotations: { ...managedBy, 'juanie.io/organization': 'acme' },
        links: [{ url: 'http://localhost:3000/juanie/orgs/acme', title: 'Organisation in Juanie' }],
      },
      spec: {
        type: 'organization',
        profile: { displayName: 'Acme' },
        children: ['group:acme/web-team'],
      },
    });
  });

  it('makes a team a group of type team under its organisation, with its members', () => {
    expect(entities['group:acme/web-team']).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        namespace: 'acme',
        name: 'web-team',
        title: 'Web team',
        annotations: { ...managedBy, 'juanie.io/organization': 'acme' },
        links: [{ url: 'http://localhost:3000/juanie/orgs/acme/teams/web-team', title: 'Team in Juanie' }],
      },
      spec: {
        type: 'team',
        profile: { displayName: 'Web team' },
        parent: 'group:acme/acme',
        children: [],
        members: ['user:default/alice', 'user:default/bob'],
      },
    });
  });

  it('makes a project a system owned by its owner team', () => {
    expect(entities['system:acme/shop']).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        namespace: 'acme',
        name: 'shop',
        title: 'Shop',
        description: 'Web shop',
        annotations: { ...managedBy, 'juanie.io/project': 'acme/shop' },
        links: [
          { url: 'http://localhost:3000/juanie/orgs/acme/projects/shop', title: 'Project in Juanie' },
          { url: 'http://localhost:3000/juanie/orgs/acme/projects/shop/gitops', title: 'GitOps status' },
          { url: 'http://localhost:3000/juanie/orgs/acme', title: 'Organisation in Juanie' },
        ],
      },
      spec: { owner: 'group:acme/web-team' },
    });
  });

  it('makes an environment a resource of type environment, part of its project system', () => {
    expect(entities['resource:acme/shop--staging']).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        namespace: 'acme',
        name: 'shop--staging',
        title: 'Shop: Staging',
        description: 'The staging environment of Shop. Cluster: local. Namespace: shop-staging.',
        annotations: {
          ...managedBy,
          'juanie.io/project': 'acme/shop',
          'juanie.io/environment': 'acme/shop/staging',
        },
        links: [
          { url: 'http://localhost:3000/juanie/orgs/acme/projects/shop', title: 'Environments in Juanie' },
          { url: 'http://localhost:3000/juanie/orgs/acme/projects/shop/gitops', title: 'GitOps status' },
        ],
      },
      spec: { type: 'environment', owner: 'group:acme/web-team', system: 'system:acme/shop' },
    });
  });

  it('gives a project without an owner team, and its environments, to the organisation', () => {
    const unowned = entitiesOf({
      ...acmeCatalogSource,
      projects: [{ ...acmeCatalogSource.projects[0], ownerTeam: null }],
    });
    expect(unowned['system:acme/shop'].spec).toEqual({ owner: 'group:acme/acme' });
    expect(unowned['resource:acme/shop--staging'].spec).toMatchObject({ owner: 'group:acme/acme' });
  });

  it('relates the entities in the catalog as Juanie relates them', async () => {
    const relations = Object.fromEntries(
      await Promise.all(
        Object.entries(entities).map(async ([ref, entity]) => [ref, await catalogRelations(entity)]),
      ),
    );
    expect(relations).toEqual({
      'group:acme/acme': ['parentOf group:acme/web-team'],
      'group:acme/web-team': ['childOf group:acme/acme', 'hasMember user:default/alice', 'hasMember user:default/bob'],
      'system:acme/shop': ['ownedBy group:acme/web-team'],
      'resource:acme/shop--staging': ['ownedBy group:acme/web-team', 'partOf system:acme/shop'],
    });
  });

  it('keeps names valid and distinct for every slug Juanie accepts', async () => {
    const long = 'x'.repeat(63);
    const odd = entitiesOf({
      organizations: [{ slug: 'edge-', title: 'Edge', description: '' }],
      teams: [{ org: 'edge-', slug: 'edge-', title: 'Edge team', description: '', members: [] }],
      projects: [
        { org: 'edge-', slug: long, title: 'Long', description: '', ownerTeam: 'edge-', owners: [] },
        { org: 'edge-', slug: 'a', title: 'A', description: '', ownerTeam: null, owners: [] },
        { org: 'edge-', slug: 'a--b', title: 'A B', description: '', ownerTeam: null, owners: [] },
      ],
      environments: [
        { org: 'edge-', project: long, slug: 'prod', title: 'Prod', kind: 'production', cluster: null, namespace: null },
        { org: 'edge-', project: 'a', slug: 'b--c', title: 'C', kind: 'development', cluster: null, namespace: null },
        { org: 'edge-', project: 'a--b', slug: 'c', title: 'C', kind: 'development', cluster: null, namespace: null },
      ],
    });
    const refs = Object.keys(odd);
    expect(refs).toEqual([
      expect.stringMatching(/^group:edge-[0-9a-f]{8}\/edge-[0-9a-f]{8}$/),
      expect.stringMatching(/^group:edge-[0-9a-f]{8}\/edge-[0-9a-f]{8}$/),
      expect.stringMatching(/^system:edge-[0-9a-f]{8}\/x{63}$/),
      expect.stringMatching(/^system:edge-[0-9a-f]{8}\/a$/),
      expect.stringMatching(/^system:edge-[0-9a-f]{8}\/a--b$/),
      expect.stringMatching(/^resource:edge-[0-9a-f]{8}\/x{54}-[0-9a-f]{8}$/),
      expect.stringMatching(/^resource:edge-[0-9a-f]{8}\/a--b--c-[0-9a-f]{8}$/),
      expect.stringMatching(/^resource:edge-[0-9a-f]{8}\/a--b--c-[0-9a-f]{8}$/),
    ]);
    expect(new Set(refs).size).toBe(refs.length);
    const [org, team] = Object.values(odd);
    expect(team.spec).toMatchObject({ parent: stringifyEntityRef(org) });
    expect(odd[refs[2]].spec).toEqual({ owner: stringifyEntityRef(team) });
    expect(await catalogProblemsByRef(Object.values(odd))).toEqual(
      Object.fromEntries(refs.map(ref => [ref, []])),
    );
  });

  it('makes entities the catalog accepts as they are', async () => {
    expect(await catalogProblemsByRef(Object.values(entities))).toEqual({
      'group:acme/acme': [],
      'group:acme/web-team': [],
      'system:acme/shop': [],
      'resource:acme/shop--staging': [],
    });
  });
});
