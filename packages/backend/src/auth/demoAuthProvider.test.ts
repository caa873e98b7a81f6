import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import authPlugin from '@backstage/plugin-auth-backend';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import {
  authModuleJuanieDemoProvider,
  DEMO_USER_HEADER,
} from './demoAuthProvider';

const catalogUsers: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice', namespace: 'default' },
    spec: {
      profile: { displayName: 'Alice Developer', email: 'alice@acme.example' },
      memberOf: ['web-team'],
    },
    relations: [{ type: 'memberOf', targetRef: 'group:default/web-team' }],
  },
];

function configWith(demo: JsonObject, auth: JsonObject = {}): JsonObject {
  return {
    app: { baseUrl: 'http://localhost:3000' },
    backend: { baseUrl: 'http://localhost:7007' },
    auth: { ...auth, providers: { demo } },
  };
}

const developmentDemo = { users: ['alice', 'erin'] };
const development = { environment: 'development' };

async function startAuthBackend(config: JsonObject) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      authModuleJuanieDemoProvider,
      catalogServiceMock.factory({ entities: catalogUsers }),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return server;
}

describe('demo auth provider', () => {
  it('signs a listed user in as their catalog user, with ownership from the catalog', async () => {
    const server = await startAuthBackend(configWith(developmentDemo, development));

    const res = await request(server)
      .get('/api/auth/demo/refresh')
      .set(DEMO_USER_HEADER, 'alice');

    expect(res.status).toBe(200);
    expect(res.body.profile.displayName).toBe('Alice Developer');
    expect(res.body.backstageIdentity.token).toEqual(expect.any(String));
    expect(res.body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/alice',
      ownershipEntityRefs: expect.arrayContaining([
        'user:default/alice',
        'group:default/web-team',
      ]),
    });
  });

  it.each([
    {
      behaviour: 'asks for the header when it is missing',
      config: configWith(developmentDemo, development),
      header: undefined,
      status: 401,
      message: /x-juanie-demo-user/,
    },
    {
      behaviour: 'refuses a user who is not listed in config',
      config: configWith(developmentDemo, development),
      header: 'mallory',
      status: 403,
      message: /'mallory' is not a demo user/,
    },
    {
      behaviour: 'refuses a listed user who is missing from the catalog',
      config: configWith(developmentDemo, development),
      header: 'erin',
      status: 404,
      message: /user:default\/erin is not in the catalog/,
    },
    {
      behaviour: 'is absent when auth.environment is production',
      config: configWith(developmentDemo, { environment: 'production' }),
      header: 'alice',
      status: 404,
      message: /demo/,
    },
    {
      behaviour:
        'local demo sign-in hands anyone a token: refused when auth.environment is not set',
      config: configWith(developmentDemo),
      header: 'carol',
      status: 404,
      message: /demo/,
    },
    {
      behaviour: 'is absent when auth.environment is anything but development',
      config: configWith(developmentDemo, { environment: 'staging' }),
      header: 'alice',
      status: 404,
      message: /demo/,
    },
  ])('$behaviour', async ({ config, header, status, message }) => {
    const server = await startAuthBackend(config);

    const req = request(server).get('/api/auth/demo/refresh');
    const res = await (header ? req.set(DEMO_USER_HEADER, header) : req);

    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    expect(res.body.backstageIdentity).toBeUndefined();
  });
});
