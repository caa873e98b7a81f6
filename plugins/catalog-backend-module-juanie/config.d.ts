import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      juanie?: {
        /**
         * How often every Juanie entity is refreshed in full (once across replicas); changes
         * also reach the catalog within a second through Juanie's change events.
         * Default: every 2 minutes, first after 15 seconds.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
