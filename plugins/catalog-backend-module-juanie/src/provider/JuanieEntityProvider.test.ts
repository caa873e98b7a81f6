import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import { CatalogSource } from '@juanie/plugin-juanie-common';
import { JUANIE_CHANGES_TOPIC, JuanieChangeEvent } from '@juanie/plugin-juanie-node';
import { acmeCatalogSource } from '../__testUtils__/acmeCatalogSource';
import { catalogProblemsByRef } from '../__testUtils__/catalogChecks';
import { JuanieEntityProvider } from './JuanieEntityProvider';

const LOCATION_KEY = 'juanie-provider:juanie';

/** A provider connected to a fake catalog, reading a Juanie whose data the test changes. */
async function connectedProvider(initial: CatalogSource) {
  let current = initial;
  const events = mockServices.events();
  const logger = mockServices.logger.mock();
  const mutations: EntityProviderMutation[] = [];
  const waiting: Array<(mutation: EntityProviderMutation) => void> = [];
  const reads = jest.fn(async () => current);
  const provider = new JuanieEntityProvider('http://localhost:3000', {
    reader: { getCatalogSource: reads },
    auth: mockServices.auth(),
    logger,
    taskRunner: { run: async () => undefined },
    events,
  });
  await provider.connect({
    applyMutation: async mutation => {
      mutations.push(mutation);
      waiting.shift()?.(mutation);
    },
    refresh: async () => undefined,
  });

  return {
    provider,
    mutations,
    reads,
    logger,
    /** Resolves with the next mutation the provider applies. */
    nextMutation: () => new Promise<EntityProviderMutation>(resolve => waiting.push(resolve)),
    /** Changes Juanie's data and announces the change as Juanie's back end does. */
    async change(next: CatalogSource, event: Partial<JuanieChangeEvent> = {}) {
      current = next;
      const eventPayload: JuanieChangeEvent = {
        action: 'project.update',
        resourceType: 'project',
        resourceId: null,
        org: 'acme',
        project: 'shop',
        ...event,
      };
      await events.publish({ topic: JUANIE_CHANGES_TOPIC, eventPayload });
    },
  };
}

type Juanie = Awaited<ReturnType<typeof connectedProvider>>;

/** Changes Juanie's data, lets the change delay pass, and returns the mutation that follows. */
async function mutationAfter(juanie: Juanie, next: CatalogSource, event?: Partial<JuanieChangeEvent>) {
  const mutation = juanie.nextMutation();
  await juanie.change(next, event);
  await jest.advanceTimersByTimeAsync(500);
  return mutation;
}

function asDelta(mutation: EntityProviderMutation) {
  if (mutation.type !== 'delta') throw new Error(`Expected a delta, got a ${mutation.type} mutation`);
  return mutation;
}

function asFull(mutation: EntityProviderMutation) {
  if (mutation.type !== 'full') throw new Error(`Expected a full mutation, got a ${mutation.type}`);
  return mutation;
}

function refsOf(entities: Array<{ entity: Entity }>) {
  return entities.map(({ entity }) => stringifyEntityRef(entity));
}

const project = acmeCatalogSource.projects[0];
const staging = acmeCatalogSource.environments[0];
const withBlog: CatalogSource = {
  ...acmeCatalogSource,
  projects: [...acmeCatalogSource.projects, { ...project, slug: 'blog', title: 'Blog', description: '' }],
  environments: [...acmeCatalogSource.environments, { ...staging, project: 'blog', namespace: 'blog-staging' }],
};

describe('JuanieEntityProvider', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('replaces all of its entities on a refresh (full mutation)', async () => {
    const juanie = await connectedProvider(acmeCatalogSource);
    await juanie.provider.refresh();

    expect(juanie.mutations).toHaveLength(1);
    const { entities } = asFull(juanie.mutations[0]);
    expect(entities.map(e => e.locationKey)).toEqual(Array(4).fill(LOCATION_KEY));
    expect(refsOf(entities)).toEqual([
      'group:acme/acme',
      'group:acme/web-team',
      'system:acme/shop',
      'resource:acme/shop--staging',
    ]);
    expect(await catalogProblemsByRef(entities.map(e => e.entity))).toEqual({
      'group:acme/acme': [],
      'group:acme/web-team': [],
      'system:acme/shop': [],
      'resource:acme/shop--staging': [],
    });
  });

  it('adds a created project and its environment, and nothing else, as a delta', async () => {
    const juanie = await connectedProvider(acmeCatalogSource);
    await juanie.provider.refresh();

    const mutation = await mutationAfter(juanie, withBlog, { action: 'project.create', project: 'blog' });

    expect(mutation).toEqual({
      type: 'delta',
      added: [
        { entity: expect.objectContaining({ kind: 'System' }), locationKey: LOCATION_KEY },
        { entity: expect.objectContaining({ kind: 'Resource' }), locationKey: LOCATION_KEY },
      ],
      removed: [],
    });
    const { added } = asDelta(mutation);
    expect(refsOf(added)).toEqual(['system:acme/blog', 'resource:acme/blog--staging']);
    expect(await catalogProblemsByRef(added.map(e => e.entity))).toEqual({
      'system:acme/blog': [],
      'resource:acme/blog--staging': [],
    });
  });

  it('updates a renamed project and its environments, whose titles carry the project title', async () => {
    const juanie = await connectedProvider(withBlog);
    await juanie.provider.refresh();
    const renamed: CatalogSource = {
      ...withBlog,
      projects: withBlog.projects.map(p => (p.slug === 'shop' ? { ...p, title: 'Storefront' } : p)),
    };

    const mutation = await mutationAfter(juanie, renamed, { action: 'project.update' });

    const { added, removed } = asDelta(mutation);
    expect(removed).toEqual([]);
    expect(added.map(({ entity }) => [stringifyEntityRef(entity), entity.metadata.title])).toEqual([
      ['system:acme/shop', 'Storefront'],
      ['resource:acme/shop--staging', 'Storefront: Staging'],
    ]);
  });

  it('removes a deleted project and its environment by entity ref', async () => {
    const juanie = await connectedProvider(withBlog);
    await juanie.provider.refresh();

    const mutation = await mutationAfter(juanie, acmeCatalogSource, { action: 'project.delete', project: 'blog' });

    expect(mutation).toEqual({
      type: 'delta',
      added: [],
      removed: [
        { entityRef: 'system:acme/blog', locationKey: LOCATION_KEY },
        { entityRef: 'resource:acme/blog--staging', locationKey: LOCATION_KEY },
      ],
    });
  });

  it('makes one delta of a burst of changes, from what Juanie has after the last of them', async () => {
    const juanie = await connectedProvider(acmeCatalogSource);
    await juanie.provider.refresh();
    const retitled: CatalogSource = {
      ...withBlog,
      projects: withBlog.projects.map(p => (p.slug === 'blog' ? { ...p, title: 'Journal' } : p)),
    };
    const mutation = juanie.nextMutation();

    await juanie.change(withBlog, { action: 'project.create', project: 'blog' });
    await jest.advanceTimersByTimeAsync(200);
    await juanie.change(retitled, { action: 'project.update', project: 'blog' });
    await jest.advanceTimersByTimeAsync(200);
    expect(juanie.mutations).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(100);
    const delta = asDelta(await mutation);
    await jest.advanceTimersByTimeAsync(5_000);

    expect(juanie.mutations).toHaveLength(2);
    expect(juanie.reads).toHaveBeenCalledTimes(2);
    expect(delta.added.map(({ entity }) => [stringifyEntityRef(entity), entity.metadata.title])).toEqual([
      ['system:acme/blog', 'Journal'],
      ['resource:acme/blog--staging', 'Journal: Staging'],
    ]);
    expect(delta.removed).toEqual([]);
  });

  it('applies nothing for changes that leave the entities as they are', async () => {
    const juanie = await connectedProvider(acmeCatalogSource);
    await juanie.provider.refresh();

    await juanie.change(acmeCatalogSource, { action: 'deployment.approve', resourceType: 'deployment' });
    await jest.advanceTimersByTimeAsync(500);
    await juanie.change(acmeCatalogSource, { action: 'project.member.add' });
    await jest.advanceTimersByTimeAsync(500);
    const mutation = await mutationAfter(juanie, withBlog, { action: 'project.create', project: 'blog' });

    expect(juanie.reads).toHaveBeenCalledTimes(3);
    expect(juanie.mutations.map(m => m.type)).toEqual(['full', 'delta']);
    expect(refsOf(asDelta(mutation).added)).toEqual([
      'system:acme/blog',
      'resource:acme/blog--staging',
    ]);
  });

  it('applies a full mutation on a change before it has emitted anything itself', async () => {
    const juanie = await connectedProvider(acmeCatalogSource);

    const mutation = await mutationAfter(juanie, withBlog, { action: 'project.create', project: 'blog' });

    expect(refsOf(asFull(mutation).entities)).toEqual([
      'group:acme/acme',
      'group:acme/web-team',
      'system:acme/shop',
      'system:acme/blog',
      'resource:acme/shop--staging',
      'resource:acme/blog--staging',
    ]);
  });

  it('catches up on the next change when reading Juanie failed', async () => {
    const juanie = await connectedProvider(acmeCatalogSource);
    await juanie.provider.refresh();
    juanie.reads.mockRejectedValueOnce(new Error('Juanie is restarting'));

    await juanie.change(withBlog, { action: 'project.create', project: 'blog' });
    await jest.advanceTimersByTimeAsync(500);
    const mutation = await mutationAfter(juanie, withBlog, { action: 'environment.update', resourceType: 'environment' });

    expect(juanie.logger.warn).toHaveBeenCalledWith(
      'Could not update Juanie entities after a change: Error: Juanie is restarting',
    );
    expect(refsOf(asDelta(mutation).added)).toEqual([
      'system:acme/blog',
      'resource:acme/blog--staging',
    ]);
  });
});
