import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
// The actions are tested against a real Juanie back end, over HTTP.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import juanieBackend from '@juanie/plugin-juanie-backend';
import { JuanieServiceClient } from '@juanie/plugin-juanie-node';
import { Server } from 'node:http';
import os from 'node:os';
import { AddressInfo } from 'node:net';
import request from 'supertest';

/** A running Juanie back end, the client the actions use, and a way to look at what they did. */
export interface JuanieTestBackend {
  server: Server;
  client: JuanieServiceClient;
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

/**
 * Starts Juanie's back end with organisation `acme` (owner carol) and its team `web-team`.
 * The permission framework is off: the role matrix has its own tests in the back end; these
 * check what the actions send and what Juanie ends up holding.
 */
export async function startJuanieTestBackend(): Promise<JuanieTestBackend> {
  const { server } = await startTestBackend({
    features: [
      juanieBackend,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: false },
          juanie: {
            // The tests' bare repositories are made in the temporary directory; remote URLs
            // on git.example.com are records only (never contacted).
            repositories: {
              localRoots: [os.tmpdir()],
              allowedHosts: ['git.example.com'],
            },
          },
        },
      }),
    ],
  });
  const { port } = server.address() as AddressInfo;
  const client = new JuanieServiceClient({
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
