import {
  AuthService,
  coreServices,
  createBackendPlugin,
  DiscoveryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import permissionBackend from '@backstage/plugin-permission-backend';
// The actions are tested against a real Juanie back end, over HTTP.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import juanieBackend from '@juanie/plugin-juanie-backend';
import { JuanieServiceClient } from '@juanie/plugin-juanie-node';
import permissionModuleJuanie from '@juanie/plugin-permission-backend-module-juanie';
import { Server } from 'node:http';
import os from 'node:os';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { authWithActors } from './authWithActors';
import { InitiatorAccess } from '../actions/InitiatorAccess';

/** A running Juanie back end, the client the actions use, and a way to look at what they did. */
export interface JuanieTestBackend {
  server: Server;
  client: JuanieServiceClient;
  /** What the actions ask the permission framework, as the scaffolder does. */
  access: InitiatorAccess;
  /** `GET /api/juanie<path>` as carol, the organisation's owner. */
  get(path: string): request.Test;
  /** A mutating call as carol, for test set-up. */
  send(
    method: 'post' | 'patch' | 'delete',
    path: string,
    body?: object,
  ): request.Test;
  /**
   * Records a local repository as made for acme, as juanie:publish:git does when it creates
   * one (the scaffolder calls on carol's behalf): only then may acme connect it.
   */
  claim(url: string): Promise<void>;
}

/** The services a scaffolder module gets, caught from a stand-in scaffolder plugin. */
function scaffolderServices() {
  const caught: {
    permissions?: PermissionsService;
    auth?: AuthService;
    discovery?: DiscoveryService;
  } = {};
  const feature = createBackendPlugin({
    pluginId: 'scaffolder',
    register(reg) {
      reg.registerInit({
        deps: {
          permissions: coreServices.permissions,
          auth: coreServices.auth,
          discovery: coreServices.discovery,
        },
        async init(services) {
          Object.assign(caught, services);
        },
      });
    },
  });
  return { feature, caught };
}

/**
 * Starts Juanie's back end with organisation `acme` (owner carol) and its team `web-team`.
 *
 * By default the permission framework is off and every call to Juanie is carol's: the role
 * matrix has its own tests in the back end; these check what the actions send and what Juanie
 * ends up holding. With `permissions: true` the back end runs Backstage's permission backend
 * with Juanie's policy, and the client calls Juanie as whoever the action context says runs
 * the template (see {@link contextAs}), as in the portal.
 */
export async function startJuanieTestBackend(
  options: { permissions?: boolean; config?: Record<string, unknown> } = {},
): Promise<JuanieTestBackend> {
  const scaffolder = scaffolderServices();
  const { server } = await startTestBackend({
    features: [
      juanieBackend,
      scaffolder.feature,
      ...(options.permissions
        ? [permissionBackend, permissionModuleJuanie, authWithActors]
        : []),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: Boolean(options.permissions) },
          juanie: {
            permissionPolicy: { otherPermissions: 'allow' },
            // The tests' bare repositories are made in the temporary directory; remote URLs
            // on git.example.com are records only (never contacted).
            repositories: {
              localRoots: [os.tmpdir()],
              allowedHosts: ['git.example.com'],
            },
          },
          ...options.config,
        },
      }),
    ],
  });
  const { port } = server.address() as AddressInfo;
  const client = options.permissions
    ? new JuanieServiceClient({
        discovery: scaffolder.caught.discovery!,
        auth: scaffolder.caught.auth!,
      })
    : new JuanieServiceClient({
        discovery: mockServices.discovery.mock({
          getBaseUrl: async () => `http://localhost:${port}/api/juanie`,
        }),
        auth: mockServices.auth.mock({
          getPluginRequestToken: async () => ({
            token: mockCredentials.user.token('user:default/carol'),
          }),
        }),
      });
  const carol = {
    Authorization: mockCredentials.user.header('user:default/carol'),
  };
  const backend: JuanieTestBackend = {
    server,
    client,
    access: new InitiatorAccess(scaffolder.caught.permissions!),
    get: path => request(server).get(`/api/juanie${path}`).set(carol),
    send: (method, path, body) =>
      request(server)[method](`/api/juanie${path}`).set(carol).send(body),
    async claim(url) {
      await request(server)
        .post('/api/juanie/orgs/acme/repository-claims')
        .set({
          Authorization: `Bearer ${mockCredentials.user.token(
            'user:default/carol',
            { actor: { subject: 'plugin:scaffolder' } },
          )}`,
        })
        .send({ url })
        .expect(201);
    },
  };
  await backend
    .send('post', '/orgs', { slug: 'acme', title: 'Acme' })
    .expect(201);
  await backend
    .send('post', '/orgs/acme/teams', { slug: 'web-team', title: 'Web team' })
    .expect(201);
  return backend;
}
