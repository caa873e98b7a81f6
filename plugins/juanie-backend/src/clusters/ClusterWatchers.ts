import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { ClusterClient } from './ClusterClients';
import { FLUX_KINDS } from './fluxKinds';
import { FluxObjectStore, KubeFluxObject } from './FluxObjectStore';
import { FluxWatcher } from './FluxWatcher';
import { GitOpsStatusService } from './GitOpsStatusService';

/**
 * Every watch of every configured cluster in this replica, and the periodic Flux health
 * check. Each replica may run them: writes are idempotent and deployment moves conditional.
 */
export class ClusterWatchers {
  private readonly watchers: FluxWatcher[] = [];
  private healthTimer?: NodeJS.Timeout;

  constructor(
    private readonly deps: {
      db: Knex;
      clients: ClusterClient[];
      objects: FluxObjectStore;
      status: GitOpsStatusService;
      logger: LoggerService;
      healthIntervalMs?: number;
    },
  ) {}

  start(): void {
    for (const client of this.deps.clients) {
      const namespaces = client.settings.namespaces.length ? client.settings.namespaces : [undefined];
      for (const kind of FLUX_KINDS) {
        for (const namespace of namespaces) {
          const watcher = new FluxWatcher({
            cluster: client.settings.name,
            kubeConfig: client.kubeConfig,
            kind,
            namespace,
            events: this.eventsOf(client.settings.name, kind.kind, namespace),
            logger: this.deps.logger,
          });
          watcher.start();
          this.watchers.push(watcher);
        }
      }
    }
    const check = () => void this.checkHealth();
    check();
    this.healthTimer = setInterval(check, this.deps.healthIntervalMs ?? 30_000);
  }

  async stop(): Promise<void> {
    clearInterval(this.healthTimer);
    await Promise.all(this.watchers.map(watcher => watcher.stop()));
  }

  /** Checks Flux in every cluster once; an unreachable one is recorded with its error. */
  async checkHealth(): Promise<void> {
    for (const client of this.deps.clients) {
      try {
        const flux = await client.fluxHealth();
        await this.recordCluster(client.settings.name, { reachable: true, error: null, flux: JSON.stringify(flux) });
      } catch (error) {
        await this.recordCluster(client.settings.name, { reachable: false, error: (error as Error).message });
      }
    }
  }

  private eventsOf(cluster: string, kind: string, namespace?: string) {
    const { objects, status } = this.deps;
    const observed = async (object: KubeFluxObject) => {
      const { changed, current, previous } = await objects.observe(cluster, object);
      if (!changed) return;
      try {
        await status.objectChanged(current, previous);
      } catch (error) {
        // Forget the version, so the next event or list of the object handles it again.
        await objects.forget(current);
        throw error;
      }
    };
    return {
      observed: (object: KubeFluxObject) =>
        observed(object).catch(error =>
          this.deps.logger.error(`Could not record ${kind} ${object.metadata?.name} of ${cluster}: ${error}`),
        ),
      deleted: async (key: { cluster: string; kind: string; namespace: string; name: string }) => {
        await objects.markDeleted([key]);
      },
      listed: async (items: KubeFluxObject[]) => {
        const present = new Set(items.map(item => `${item.metadata?.namespace}/${item.metadata?.name}`));
        const known = (await objects.keysOf(cluster, kind)).filter(key => !namespace || key.namespace === namespace);
        await objects.markDeleted(known.filter(key => !present.has(`${key.namespace}/${key.name}`)));
      },
      reachability: async (reachable: boolean, error?: Error) => {
        await this.recordCluster(cluster, { reachable, error: error?.message ?? null }).catch(() => undefined);
      },
    };
  }

  private async recordCluster(name: string, fields: { reachable: boolean; error: string | null; flux?: string }) {
    const row = { name, ...fields, checked_at: new Date() };
    await this.deps.db('clusters').insert(row).onConflict('name').merge();
  }
}
