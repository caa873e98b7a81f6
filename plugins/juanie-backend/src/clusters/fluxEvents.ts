import { LoggerService } from '@backstage/backend-plugin-api';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import { z } from 'zod';
import { ClusterClient } from './ClusterClients';
import { fluxKind } from './fluxKinds';
import { FluxObjectStore, KubeFluxObject } from './FluxObjectStore';
import { GitOpsStatusService } from './GitOpsStatusService';

/** The events topic Flux's notification-controller posts to (`events.http.topics`). */
export const FLUX_EVENTS_TOPIC = 'flux';

/** Header naming the cluster an event comes from (set in the Flux Provider's headers secret). */
export const CLUSTER_HEADER = 'x-juanie-cluster';

// The part of a Flux event Juanie needs (notification-controller's generic provider body).
const fluxEventSchema = z.object({
  involvedObject: z.object({
    kind: z.string(),
    namespace: z.string(),
    name: z.string(),
  }),
  reason: z.string().optional(),
  message: z.string().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
});

/**
 * Push as well as pull: a Flux event says an object changed, so Juanie reads that object now
 * instead of waiting for its watch (which may be reconnecting, or blocked by a firewall).
 */
export async function subscribeToFluxEvents(deps: {
  events: EventsService;
  clients: ClusterClient[];
  objects: FluxObjectStore;
  status: GitOpsStatusService;
  logger: LoggerService;
}) {
  await deps.events.subscribe({
    id: 'juanie-flux-events',
    topics: [FLUX_EVENTS_TOPIC],
    onEvent: async (params: EventParams) => {
      const event = fluxEventSchema.safeParse(params.eventPayload);
      if (!event.success) {
        deps.logger.warn(`Ignored a Flux event that is not shaped like one: ${event.error.message}`);
        return;
      }
      const { kind: kindName, namespace, name } = event.data.involvedObject;
      const kind = fluxKind(kindName);
      const header = params.metadata?.[CLUSTER_HEADER];
      const clusterName = Array.isArray(header) ? header[0] : header;
      const client = clusterName ? deps.clients.find(c => c.settings.name === clusterName) : deps.clients[0];
      if (!kind || !client) return;
      try {
        const object = (await client.getObject(kind, namespace, name)) as KubeFluxObject;
        const { changed, current, previous } = await deps.objects.observe(client.settings.name, { ...object, kind: kind.kind });
        if (changed) await deps.status.objectChanged(current, previous);
      } catch (error) {
        deps.logger.warn(`Could not read ${kindName} ${namespace}/${name} after a Flux event: ${error}`);
      }
    },
  });
}
