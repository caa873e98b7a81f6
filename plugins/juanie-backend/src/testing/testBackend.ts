import {
  AuthService,
  BackendFeature,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import os from 'node:os';
import request, { Response } from 'supertest';
import permissionBackend from '@backstage/plugin-permission-backend';
import permissionModuleJuanie from '@juanie/plugin-permission-backend-module-juanie';
import {
  notificationService,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import { SignalPayload, signalsServiceRef } from '@backstage/plugin-signals-node';
import { juaniePlugin } from '../plugin';
import { createTestScheduler } from './testScheduler';

/**
 * What test backends allow of repository URLs unless a test sets `juanie.repositories` itself:
 * local repositories in the temporary directory (each still claimed for its organisation, see
 * claimLocalRepository), and records of remote repositories on git.example.com (never contacted;
 * it does not resolve). Loopback and private addresses stay refused: a test with a git server
 * on 127.0.0.1 opts in.
 */
export const TEST_REPOSITORIES = { localRoots: [os.tmpdir()], allowedHosts: ['git.example.com'] };

/** The platform admin of test backends. */
export const TEST_PLATFORM_ADMIN = 'user:default/admin';

/**
 * The mock auth service, except that a plugin calling another on behalf of a user carries
 * itself as the actor, as the real auth service does. The permission backend's callback to
 * Juanie's apply-conditions endpoint is refused without it.
 */
const authWithActors = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): AuthService {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    return Object.assign(Object.create(auth), {
      async getPluginRequestToken(options: Parameters<AuthService['getPluginRequestToken']>[0]) {
        const { onBehalfOf } = options;
        if (!auth.isPrincipal(onBehalfOf, 'user')) return auth.getPluginRequestToken(options);
        return {
          token: mockCredentials.user.token(onBehalfOf.principal.userEntityRef, {
            actor: { subject: `plugin:${plugin.getId()}` },
          }),
        };
      },
    });
  },
});

/** Notifications a test backend sent, newest last (the notifications backend is not there). */
export type SentNotifications = NotificationSendOptions[];

function recordingNotifications(sent: SentNotifications) {
  return createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      async send(options: NotificationSendOptions) {
        sent.push(options);
      },
    }),
  });
}

/** Signals a test backend published, newest last (the signals backend is not there). */
export type PublishedSignals = SignalPayload[];

function recordingSignals(published: PublishedSignals) {
  return createServiceFactory({
    service: signalsServiceRef,
    deps: {},
    factory: () => ({
      async publish(signal: SignalPayload) {
        published.push(signal);
      },
    }),
  });
}

/**
 * A real backend with Juanie, the permission backend and Juanie's policy module, on the
 * given database. Requests go through HTTP exactly as from the portal.
 */
export async function startJuanieTestBackend(
  knex: Knex,
  config: Record<string, unknown> = {},
  options: {
    features?: BackendFeature[];
    /** Databases of their own for other plugins with tables (the events backend's, by plugin id). */
    pluginDatabases?: Record<string, Knex>;
    /** The permission policy module, instead of Juanie's (an adopter's own policy). */
    policy?: BackendFeature;
  } = {},
) {
  const notifications: SentNotifications = [];
  const signals: PublishedSignals = [];
  const scheduler = createTestScheduler();
  const backend = await startTestBackend({
    features: [
      juaniePlugin,
      scheduler.factory,
      permissionBackend,
      options.policy ?? permissionModuleJuanie,
      authWithActors,
      recordingNotifications(notifications),
      recordingSignals(signals),
      createServiceFactory({
        service: coreServices.database,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) => mockServices.database({ knex: options.pluginDatabases?.[plugin.getId()] ?? knex }),
      }),
      ...(process.env.JUANIE_TEST_LOGS ? [mockServices.rootLogger.factory({ level: 'debug' })] : []),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          ...config,
          juanie: {
            // Tests fire many requests at once; the rate limits have tests of their own.
            rateLimit: { perUser: 1_000_000, expensivePerUser: 1_000_000 },
            repositories: TEST_REPOSITORIES,
            permissionPolicy: { otherPermissions: 'allow' },
            ...((config.juanie as object | undefined) ?? {
              platformAdmins: [TEST_PLATFORM_ADMIN],
              jobs: { pollIntervalMs: 200 },
            }),
          },
        },
      }),
      // Modules under test, e.g. ones that add policy rule types.
      ...(options.features ?? []),
    ],
  });
  const { server } = backend;
  const as = (user: string) => {
    const auth = { Authorization: mockCredentials.user.header(`user:default/${user}`) };
    const call = (method: HttpMethod, path: string, body?: unknown) => {
      const req = request(server)[method](`/api/juanie${path}`).set(auth);
      return body === undefined ? req : req.send(body as object);
    };
    return {
      call,
      get: (path: string) => call('get', path),
      post: (path: string, body?: unknown) => call('post', path, body),
      put: (path: string, body?: unknown) => call('put', path, body),
      patch: (path: string, body?: unknown) => call('patch', path, body),
      delete: (path: string) => call('delete', path),
    };
  };
  return { server, stop: () => backend.stop(), as, anonymous: request(server), notifications, signals, runTask: scheduler.runTask };
}

/** The HTTP methods the API uses (and PUT, which it never offers). */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A running test backend. */
export type JuanieTestBackend = Awaited<ReturnType<typeof startJuanieTestBackend>>;

/** One person's HTTP client of a test backend. */
export type TestClient = ReturnType<Awaited<ReturnType<typeof startJuanieTestBackend>>['as']>;

/** A supertest parser that buffers any response (CSV, NDJSON) as text into `body`. */
export function asText(res: Response, done: (error: Error | null, body: string) => void) {
  // supertest hands parsers the raw Node.js response stream.
  const stream = res as unknown as NodeJS.ReadableStream;
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    text += chunk;
  });
  stream.on('end', () => done(null, text));
}
