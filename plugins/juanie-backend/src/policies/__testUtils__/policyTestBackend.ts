import {
  AuthService,
  BackendFeature,
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import permissionBackend from '@backstage/plugin-permission-backend';
import permissionModuleJuanie from '@juanie/plugin-permission-backend-module-juanie';
import { juaniePolicyRulesExtensionPoint } from '@juanie/plugin-juanie-node';
import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import request from 'supertest';
import { AccessControl } from '../../access/AccessControl';
import { Callers } from '../../access/Callers';
import { createResourceLoaders } from '../../access/permissionResources';
import { openDatabase } from '../../database/migrateDatabase';
import { createJuanie } from '../../service/createJuanie';
import { HttpMethod, TEST_PLATFORM_ADMIN } from '../../testing/testBackend';
import { PolicyRuleTypeRegistry } from '../PolicyRuleTypeRegistry';
import { PolicyService } from '../PolicyService';
import { PolicyStore } from '../PolicyStore';
import { createPolicyRouter } from '../router';

/**
 * The mock auth service, except that a plugin calling another on behalf of a user carries
 * itself as the actor, as the real auth service does (as in testing/testBackend.ts, which
 * does not export it).
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

/**
 * The `juanie` plugin as plugin.ts will wire it once policies are part of createJuanie: the
 * extension point for rule types, the policy service, and its router next to the others.
 * Until then, policy tests run on this instead of startJuanieTestBackend.
 */
function juaniePluginWithPolicies(onPolicies: (policies: PolicyService) => void) {
  return createBackendPlugin({
    pluginId: 'juanie',
    register(env) {
      const ruleTypes = new PolicyRuleTypeRegistry();
      env.registerExtensionPoint(juaniePolicyRulesExtensionPoint, ruleTypes.extensionPoint);
      env.registerInit({
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          database: coreServices.database,
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          userInfo: coreServices.userInfo,
          permissions: coreServices.permissions,
          permissionsRegistry: coreServices.permissionsRegistry,
          auditor: coreServices.auditor,
        },
        async init(deps) {
          const db = await openDatabase(deps.database);
          const juanie = createJuanie({ ...deps, db, version: 'test' });
          const { audit, orgs, projects, environments } = juanie.services;
          const callers = new Callers(deps.httpAuth, deps.userInfo, [TEST_PLATFORM_ADMIN]);
          const loaders = createResourceLoaders({ orgs, projects });
          const access = new AccessControl(deps.permissions, deps.permissionsRegistry, loaders);
          const store = new PolicyStore(db);
          const policies = new PolicyService({ store, ruleTypes, orgs, projects, environments, logger: deps.logger });
          onPolicies(policies);
          const router = Router();
          router.use(express.json({ limit: '1mb' }));
          router.use(createPolicyRouter({ callers, access, audit, policies }));
          router.use(juanie.router);
          deps.httpRouter.use(router);
        },
      });
    },
  });
}

/**
 * A real backend with Juanie (policies included), the permission backend and Juanie's policy
 * module on the given database; `features` adds modules, such as ones that add rule types.
 */
export async function startPolicyTestBackend(knex: Knex, options: { features?: BackendFeature[] } = {}) {
  let policies: PolicyService | undefined;
  const { server } = await startTestBackend({
    features: [
      juaniePluginWithPolicies(service => {
        policies = service;
      }),
      permissionBackend,
      permissionModuleJuanie,
      authWithActors,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true }, juanie: { platformAdmins: [TEST_PLATFORM_ADMIN] } },
      }),
      ...(options.features ?? []),
    ],
  });
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
  return { server, as, anonymous: request(server), policies: policies! };
}

/** A running policy test backend. */
export type PolicyTestBackend = Awaited<ReturnType<typeof startPolicyTestBackend>>;
