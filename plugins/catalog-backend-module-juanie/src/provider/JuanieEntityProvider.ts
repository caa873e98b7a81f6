import {
  AuthService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogSource } from '@juanie/plugin-juanie-common';
import { EntityProvider, EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { juanieEntities } from './juanieEntities';

/** Where the provider reads Juanie's data from (the Juanie API in production). */
export interface CatalogSourceReader {
  getCatalogSource(options: { credentials: Awaited<ReturnType<AuthService['getOwnServiceCredentials']>> }): Promise<CatalogSource>;
}

/**
 * Puts Juanie's organisations, teams, projects and environments in the catalog with a full
 * refresh on a schedule (once across replicas).
 * @public
 */
export class JuanieEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  static fromConfig(
    config: Config,
    deps: { reader: CatalogSourceReader; auth: AuthService; logger: LoggerService; taskRunner: SchedulerServiceTaskRunner },
  ) {
    return new JuanieEntityProvider(config.getString('app.baseUrl'), deps);
  }

  constructor(
    private readonly appBaseUrl: string,
    private readonly deps: {
      reader: CatalogSourceReader;
      auth: AuthService;
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
    },
  ) {}

  getProviderName() {
    return 'juanie';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.deps.taskRunner.run({
      id: 'juanie-entity-provider:refresh',
      fn: () => this.refresh(),
    });
  }

  /** Replaces everything this provider emitted with what Juanie has now. */
  async refresh(): Promise<void> {
    if (!this.connection) throw new Error('JuanieEntityProvider is not connected yet');
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const source = await this.deps.reader.getCatalogSource({ credentials });
    const entities = juanieEntities(source, this.appBaseUrl);
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({ entity, locationKey: 'juanie-provider:juanie' })),
    });
    this.deps.logger.info(`Refreshed ${entities.length} Juanie entities`);
  }
}
