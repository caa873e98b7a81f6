import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { EntityProvider, EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import { CatalogSource } from '@juanie/plugin-juanie-common';
import { JUANIE_CHANGES_TOPIC, JuanieChangeEvent } from '@juanie/plugin-juanie-node';
import { EmittedEntities, emittedEntities, entityDelta } from './entityDelta';
import { juanieEntities } from './juanieEntities';

/** Where the provider reads Juanie's data from (the Juanie API in production). @public */
export interface CatalogSourceReader {
  getCatalogSource(options: { credentials: BackstageCredentials }): Promise<CatalogSource>;
}

/** @public */
export interface JuanieEntityProviderDeps {
  reader: CatalogSourceReader;
  auth: AuthService;
  logger: LoggerService;
  taskRunner: SchedulerServiceTaskRunner;
  events: EventsService;
  /** How long to gather changes before a delta; bursts of changes make one delta. Default 500. */
  changeDelayMs?: number;
}

const LOCATION_KEY = 'juanie-provider:juanie';

/** Changes of anything else (deployments, policies, repositories) leave the entities as they are. */
const CATALOG_RESOURCE_TYPES = ['organization', 'team', 'project', 'environment'];

function touchesCatalog(payload: unknown): boolean {
  const change = payload as Partial<JuanieChangeEvent> | undefined;
  return CATALOG_RESOURCE_TYPES.includes(change?.resourceType ?? '');
}

/**
 * Puts Juanie's organisations, teams, projects and environments in the catalog: a full
 * refresh on a schedule (once across replicas), and a delta soon after every change Juanie
 * announces on {@link @juanie/plugin-juanie-node#JUANIE_CHANGES_TOPIC}.
 * @public
 */
export class JuanieEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  /** What this replica last put in the catalog; unknown until its first mutation. */
  private emitted?: EmittedEntities;
  private pendingDelta?: ReturnType<typeof setTimeout>;
  /** Mutations run one at a time, each on a fresh read, so that a later one never loses. */
  private mutations: Promise<void> = Promise.resolve();

  static fromConfig(config: Config, deps: JuanieEntityProviderDeps) {
    return new JuanieEntityProvider(config.getString('app.baseUrl'), deps);
  }

  constructor(
    private readonly appBaseUrl: string,
    private readonly deps: JuanieEntityProviderDeps,
  ) {}

  getProviderName() {
    return 'juanie';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.deps.events.subscribe({
      id: 'juanie-entity-provider',
      topics: [JUANIE_CHANGES_TOPIC],
      onEvent: async (params: EventParams) => {
        if (touchesCatalog(params.eventPayload)) this.scheduleDelta();
      },
    });
    await this.deps.taskRunner.run({
      id: 'juanie-entity-provider:refresh',
      fn: () => this.refresh(),
    });
  }

  /** Replaces everything this provider emitted with what Juanie has now. */
  refresh(): Promise<void> {
    return this.serialized(() => this.applyFull());
  }

  /**
   * Applies one delta a little after a change, covering every change that arrives meanwhile.
   * The event handler returns at once: Juanie publishes after its commit and must not wait.
   */
  private scheduleDelta() {
    if (this.pendingDelta) return;
    this.pendingDelta = setTimeout(() => {
      this.pendingDelta = undefined;
      this.serialized(() => this.applyDelta()).catch(error =>
        this.deps.logger.warn(`Could not update Juanie entities after a change: ${error}`),
      );
    }, this.deps.changeDelayMs ?? 500);
  }

  private serialized(mutation: () => Promise<void>): Promise<void> {
    const run = this.mutations.then(mutation);
    this.mutations = run.catch(() => undefined);
    return run;
  }

  private async applyFull() {
    const { connection, entities } = await this.read();
    await connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({ entity, locationKey: LOCATION_KEY })),
    });
    this.emitted = emittedEntities(entities);
    this.deps.logger.info(`Refreshed ${entities.length} Juanie entities`);
  }

  private async applyDelta() {
    // Another replica may have done the full refreshes so far; only a full one is safe then.
    if (!this.emitted) {
      await this.applyFull();
      return;
    }
    const { connection, entities } = await this.read();
    const { added, removed, now } = entityDelta(this.emitted, entities);
    if (added.length || removed.length) {
      await connection.applyMutation({
        type: 'delta',
        added: added.map(entity => ({ entity, locationKey: LOCATION_KEY })),
        removed: removed.map(entityRef => ({ entityRef, locationKey: LOCATION_KEY })),
      });
      this.deps.logger.info(
        `Updated Juanie entities: ${added.length} added or changed, ${removed.length} removed`,
      );
    }
    this.emitted = now;
  }

  private async read(): Promise<{ connection: EntityProviderConnection; entities: Entity[] }> {
    const connection = this.connection;
    if (!connection) throw new Error('JuanieEntityProvider is not connected yet');
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const source = await this.deps.reader.getCatalogSource({ credentials });
    return { connection, entities: juanieEntities(source, this.appBaseUrl) };
  }
}
