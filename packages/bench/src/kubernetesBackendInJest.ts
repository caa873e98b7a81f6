import { createBackendModule } from '@backstage/backend-plugin-api';
import { ServiceAccountStrategy } from '@backstage/plugin-kubernetes-backend';
import {
  ClusterDetails,
  KubernetesCredential,
  kubernetesAuthStrategyExtensionPoint,
  kubernetesFetcherExtensionPoint,
} from '@backstage/plugin-kubernetes-node';
import * as kubernetesClient from '@kubernetes/client-node';

/** What `KubernetesConnection` (not exported) has that this module touches. */
interface Connection {
  buildRequestHeaders(credential: KubernetesCredential): Record<string, string>;
  getOrCreateAgent(clusterDetails: ClusterDetails, credential: KubernetesCredential, ca?: Buffer): unknown;
  fetchArgs(clusterDetails: ClusterDetails, credential: KubernetesCredential): Promise<[URL, Record<string, unknown>]>;
}

/**
 * Lets `@backstage/plugin-kubernetes-backend` run inside Jest without --experimental-vm-modules.
 *
 * The plugin loads `@kubernetes/client-node` with `await import(...)` on every request (to build
 * the credential and the fetch arguments); Jest's VM refuses dynamic imports without that Node
 * flag (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG), and `yarn bench` does not set it. Through
 * the plugin's own extension points, this module hands it the already-loaded client instead:
 * - the `serviceAccount` strategy is the plugin's `ServiceAccountStrategy`, given the client
 *   through its `injectedKubernetesClient` field;
 * - the default fetcher is kept; only its connection's `fetchArgs` is replaced by the same code
 *   with a static import of `bufferFromFileOrString`.
 * Everything else on the request path (router, permission check, catalog lookup, fan-out, fetch of
 * every kind from the API server, response shaping) is the plugin's code, unchanged.
 */
export const kubernetesBackendInJest = createBackendModule({
  pluginId: 'kubernetes',
  moduleId: 'bench-jest-imports',
  register(env) {
    env.registerInit({
      deps: { authStrategies: kubernetesAuthStrategyExtensionPoint, fetchers: kubernetesFetcherExtensionPoint },
      async init({ authStrategies, fetchers }) {
        const serviceAccount = new ServiceAccountStrategy();
        (serviceAccount as unknown as { injectedKubernetesClient: typeof kubernetesClient }).injectedKubernetesClient =
          kubernetesClient;
        authStrategies.addAuthStrategy('serviceAccount', serviceAccount);
        fetchers.addFetcher(async ({ getDefault }) => {
          const fetcher = await getDefault();
          const connection = (fetcher as unknown as { connection: Connection }).connection;
          // KubernetesConnection.fetchArgs of @backstage/plugin-kubernetes-backend 0.21.11, minus the dynamic import.
          connection.fetchArgs = async (clusterDetails, credential) => {
            const requestInit: Record<string, unknown> = {
              method: 'GET',
              headers: connection.buildRequestHeaders(credential),
              redirect: 'manual',
            };
            const url = new URL(clusterDetails.url);
            if (url.protocol === 'https:') {
              const ca = kubernetesClient.bufferFromFileOrString(clusterDetails.caFile, clusterDetails.caData) ?? undefined;
              requestInit.agent = connection.getOrCreateAgent(clusterDetails, credential, ca);
            }
            return [url, requestInit];
          };
          return fetcher;
        });
      },
    });
  },
});
