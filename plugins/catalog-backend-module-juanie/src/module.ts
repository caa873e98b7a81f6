import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { JuanieServiceClient } from '@juanie/plugin-juanie-node';
import { JuanieEntityProvider } from './provider/JuanieEntityProvider';

/**
 * Juanie's organisations, teams, projects and environments as catalog entities, refreshed on
 * a schedule and updated after every change Juanie announces.
 * @public
 */
export const catalogModuleJuanie = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'juanie',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
      },
      async init({ catalog, config, discovery, auth, logger, scheduler, events }) {
        const schedule = config.has('catalog.providers.juanie.schedule')
          ? config.getConfig('catalog.providers.juanie.schedule')
          : undefined;
        const taskRunner = scheduler.createScheduledTaskRunner(
          schedule
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
            : { frequency: { minutes: 2 }, timeout: { minutes: 1 }, initialDelay: { seconds: 15 } },
        );
        catalog.addEntityProvider(
          JuanieEntityProvider.fromConfig(config, {
            reader: new JuanieServiceClient({ discovery, auth }),
            auth,
            logger,
            taskRunner,
            events,
          }),
        );
      },
    });
  },
});
