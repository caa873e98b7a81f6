import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import {
  juanieSeedsExtensionPoint,
  juanieSimulatedClustersExtensionPoint,
  readJuaniePaths,
} from '@juanie/plugin-juanie-node';
import { seedDemoData } from './demo/seedDemoData';
import { startSimulatedCluster } from './simulator/startSimulatedCluster';

/**
 * Juanie's local and development tools: clusters configured `simulated: true` run in this
 * process (a Kubernetes API server double and a Flux simulator), and with `juanie.demo.seed`
 * the demo organisation is loaded into an empty database. For the local portal and trials,
 * never for production.
 *
 * @public
 */
export const juanieModuleDev = createBackendModule({
  pluginId: 'juanie',
  moduleId: 'dev',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        clusters: juanieSimulatedClustersExtensionPoint,
        seeds: juanieSeedsExtensionPoint,
      },
      async init({ config, logger, clusters, seeds }) {
        clusters.setProvider({
          start: ({ name, cacheDir }) => {
            logger.info(`Starting the simulated cluster ${name} (API server and Flux simulator in this process)`);
            return startSimulatedCluster({ logger, cacheDir });
          },
        });
        if (config.getOptionalBoolean('juanie.demo.seed')) {
          const { demoGitOpsRepositoryDir } = readJuaniePaths(config);
          seeds.addSeed(juanie => seedDemoData(juanie, logger, demoGitOpsRepositoryDir));
        }
      },
    });
  },
});
