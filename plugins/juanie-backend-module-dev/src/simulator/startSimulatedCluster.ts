import { LoggerService } from '@backstage/backend-plugin-api';
import { FluxSimulator } from './FluxSimulator';
import { KubeApiServer } from './KubeApiServer';

/**
 * The local portal's cluster: the Kubernetes API server double and the Flux simulator, in
 * this process. The UI marks it as simulated (`simulated: true` in `juanie.clusters`).
 */
export async function startSimulatedCluster(options: { logger: LoggerService; cacheDir: string; port?: number }) {
  const api = new KubeApiServer({ logger: options.logger, port: options.port });
  const url = await api.start();
  const simulator = new FluxSimulator({ server: api, cacheDir: options.cacheDir, logger: options.logger });
  await simulator.seedFluxSystem();
  await simulator.start();
  return {
    url,
    api,
    simulator,
    async stop() {
      await simulator.stop();
      await api.stop();
    },
  };
}
