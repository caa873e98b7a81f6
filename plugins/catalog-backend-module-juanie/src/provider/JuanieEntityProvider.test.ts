import { mockServices } from '@backstage/backend-test-utils';
import {
  Entity,
  EntityPolicies,
  DefaultNamespaceEntityPolicy,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  groupEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { CatalogSource } from '@juanie/plugin-juanie-common';
import { JuanieEntityProvider } from './JuanieEntityProvider';

const source: CatalogSource = {
  organizations: [{ slug: 'acme', title: 'Acme', description: 'Demo' }],
  teams: [
    {
      org: 'acme',
      slug: 'web-team',
      title: 'Web team',
      description: '',
      members: ['user:default/alice', 'user:default/bob'],
    },
  ],
  projects: [
    { org: 'acme', slug: 'shop', title: 'Shop', description: 'Web shop', ownerTeam: 'web-team', owners: ['user:default/carol'] },
    { org: 'acme', slug: 'x'.repeat(63), title: 'Long', description: '', ownerTeam: null, owners: [] },
  ],
  environments: [
    { org: 'acme', project: 'shop', slug: 'staging', title: 'Staging', kind: 'staging', cluster: 'local', namespace: 'shop-staging' },
    { org: 'acme', project: 'x'.repeat(63), slug: 'y'.repeat(63), title: 'Prod', kind: 'production', cluster: null, namespace: null },
  ],
};

async function refreshedEntities(current: CatalogSource): Promise<Entity[]> {
  const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
  const provider = new JuanieEntityProvider('http://localhost:3000', {
    reader: { getCatalogSource: async () => current },
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    taskRunner: { run: jest.fn() },
  });
  await provider.connect(connection);
  await provider.refresh();
  const [[mutation]] = connection.applyMutation.mock.calls;
  expect(mutation.type).toBe('full');
  return mutation.entities.map((e: { entity: Entity }) => e.entity);
}

describe('JuanieEntityProvider', () => {
  it('emits one valid entity per organisation, team, project and environment', async () => {
    const entities = await refreshedEntities(source);
    const policy = EntityPolicies.allOf([
      new SchemaValidEntityPolicy(),
      new DefaultNamespaceEntityPolicy(),
      new NoForeignRootFieldsEntityPolicy(),
      new FieldFormatEntityPolicy(),
    ]);
    const validators = [groupEntityV1alpha1Validator, systemEntityV1alpha1Validator, resourceEntityV1alpha1Validator];
    for (const entity of entities) {
      await expect(policy.enforce(entity)).resolves.toBeDefined();
      const results = await Promise.all(validators.map(v => v.check(entity)));
      expect(results).toContain(true);
    }
    expect(entities.map(e => `${e.kind}:${e.metadata.namespace}/${e.metadata.name}`)).toEqual([
      'Group:acme/acme',
      'Group:acme/web-team',
      'System:acme/shop',
      `System:acme/${'x'.repeat(63)}`,
      'Resource:acme/shop--staging',
      expect.stringMatching(/^Resource:acme\/x{54}-[0-9a-f]{8}$/),
    ]);
  });

  it('links teams to the organisation, projects to their owner team, environments to their system', async () => {
    const entities = await refreshedEntities(source);
    const byName = (name: string) => entities.find(e => e.metadata.name === name)!;
    expect(byName('web-team').spec).toMatchObject({ parent: 'group:acme/acme', members: ['user:default/alice', 'user:default/bob'] });
    expect(byName('shop').spec).toEqual({ owner: 'group:acme/web-team' });
    expect(byName('shop').metadata.annotations).toMatchObject({ 'juanie.io/project': 'acme/shop' });
    expect(byName('shop--staging').spec).toEqual({
      type: 'environment',
      owner: 'group:acme/web-team',
      system: 'system:acme/shop',
    });
    expect(byName('shop--staging').metadata.annotations).toMatchObject({
      'juanie.io/environment': 'acme/shop/staging',
    });
    expect(byName('shop').metadata.links).toEqual([
      { url: 'http://localhost:3000/juanie/orgs/acme/projects/shop', title: 'Juanie project' },
    ]);
  });

  it('drops what Juanie deleted on the next refresh (full mutation)', async () => {
    const entities = await refreshedEntities({ ...source, projects: [], environments: [] });
    expect(entities.filter(e => e.kind !== 'Group')).toEqual([]);
  });
});
