import { JsonObject } from '@backstage/types';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { EventParams, eventsServiceRef } from '@backstage/plugin-events-node';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { eventsModuleJuanieFlux } from './eventsModuleJuanieFlux';
import { FLUX_EVENTS_TOPIC } from './fluxEvents';

const SECRET = 'the-token-of-the-provider-secret';
const BODY = JSON.stringify({
  involvedObject: { kind: 'Kustomization', namespace: 'acme', name: 'acme-shop-staging' },
  severity: 'info',
  reason: 'ReconciliationSucceeded',
  message: 'Applied revision: main@sha1:0123456789abcdef0123456789abcdef01234567',
});

const sign = (body: string, secret = SECRET, hashFunction = 'sha256') =>
  `${hashFunction}=${createHmac(hashFunction, secret).update(body).digest('hex')}`;

/** The events backend with Juanie's Flux module, and what reached subscribers of the topic. */
async function startEventsBackend(juanie: JsonObject) {
  const received: EventParams[] = [];
  const recorder = createBackendModule({
    pluginId: 'events',
    moduleId: 'test-recorder',
    register(reg) {
      reg.registerInit({
        deps: { events: eventsServiceRef },
        async init({ events }) {
          await events.subscribe({
            id: 'test-recorder',
            topics: [FLUX_EVENTS_TOPIC],
            onEvent: async params => void received.push(params),
          });
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      eventsPlugin,
      eventsModuleJuanieFlux,
      recorder,
      mockServices.rootConfig.factory({ data: { juanie } }),
    ],
  });
  const post = (body: string, signature?: string) => {
    const req = request(backend.server).post(`/api/events/http/${FLUX_EVENTS_TOPIC}`).set('Content-Type', 'application/json');
    return (signature ? req.set('X-Signature', signature) : req).send(body);
  };
  return { post, received, stop: () => backend.stop() };
}

describe('Flux events on /api/events/http/flux', () => {
  let events: Awaited<ReturnType<typeof startEventsBackend>>;
  beforeAll(async () => {
    events = await startEventsBackend({ fluxEvents: { hmacSecret: SECRET } });
  });
  afterAll(() => events.stop());
  beforeEach(() => {
    events.received.length = 0;
  });

  it('/api/events/http/flux takes events from anyone: an unsigned event is a 401 and reaches no one', async () => {
    const res = await events.post(BODY);

    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/X-Signature/);
    expect(events.received).toEqual([]);
  });

  it.each([
    ['signed with another secret', sign(BODY, 'guessed')],
    ['signed for another body', sign(BODY.replace('acme-shop-staging', 'globex-web-prod'))],
    ['with an unknown hash function', `md5=${createHmac('md5', SECRET).update(BODY).digest('hex')}`],
    ['with a signature that is not hex', 'sha256=not-hex'],
  ])('an event %s is refused and reaches no one', async (_case, signature) => {
    const res = await events.post(BODY, signature);

    expect([401, 403]).toContain(res.status);
    expect(events.received).toEqual([]);
  });

  it.each(['sha256', 'sha512'])('an event signed as a generic-hmac Provider signs it (%s) is accepted at once', async hashFunction => {
    const res = await events.post(BODY, sign(BODY, SECRET, hashFunction));

    expect(res.status).toBe(202);
    expect(events.received).toHaveLength(1);
    expect(events.received[0].eventPayload).toEqual(JSON.parse(BODY));
  });
});

describe('Flux events without a configured secret', () => {
  it('refuses even a signed event', async () => {
    const events = await startEventsBackend({});
    try {
      const res = await events.post(BODY, sign(BODY));

      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/juanie\.fluxEvents\.hmacSecret/);
      expect(events.received).toEqual([]);
    } finally {
      await events.stop();
    }
  });
});
