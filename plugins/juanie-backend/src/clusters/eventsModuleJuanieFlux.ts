import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import { FLUX_EVENTS_TOPIC } from './fluxEvents';
import { fluxSignatureValidator } from './fluxEventSignature';

/**
 * Opens `/api/events/http/flux` for Flux's notification-controller, signed events only (a
 * `generic-hmac` Provider whose Secret's `token` is `juanie.fluxEvents.hmacSecret`). It replaces
 * a plain `events.http.topics: [flux]`, which would take events from anyone.
 */
export const eventsModuleJuanieFlux = createBackendModule({
  pluginId: 'events',
  moduleId: 'juanie-flux',
  register(reg) {
    reg.registerInit({
      deps: { events: eventsExtensionPoint, config: coreServices.rootConfig, logger: coreServices.logger },
      async init({ events, config, logger }) {
        const secret = config.getOptionalString('juanie.fluxEvents.hmacSecret');
        if (!secret) {
          logger.warn('juanie.fluxEvents.hmacSecret is not set: Flux events will be refused');
        }
        events.addHttpPostIngress({ topic: FLUX_EVENTS_TOPIC, validator: fluxSignatureValidator(secret) });
      },
    });
  },
});
