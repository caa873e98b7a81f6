import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * A cluster Juanie starts itself: the API server of a cluster configured `simulated: true`
 * in `juanie.clusters`. Juanie asks for it once, at start, and stops it at shutdown.
 *
 * @public
 */
export interface JuanieSimulatedClusterProvider {
  start(cluster: {
    /** The cluster's name in `juanie.clusters`. */
    name: string;
    /** A directory of its own for the cluster's files (clones of GitOps repositories). */
    cacheDir: string;
  }): Promise<{
    /** The API server's URL; Juanie talks to it as to any cluster. */
    url: string;
    stop(): Promise<void>;
  }>;
}

/**
 * Where a backend module gives Juanie its simulated clusters. Without a provider, a cluster
 * configured `simulated: true` stops Juanie at start (the dev module provides one:
 * `@juanie/plugin-juanie-backend-module-dev`).
 *
 * @public
 */
export interface JuanieSimulatedClustersExtensionPoint {
  setProvider(provider: JuanieSimulatedClusterProvider): void;
}

/**
 * The extension point for simulated clusters.
 *
 * @public
 */
export const juanieSimulatedClustersExtensionPoint =
  createExtensionPoint<JuanieSimulatedClustersExtensionPoint>({ id: 'juanie.simulated-clusters' });
