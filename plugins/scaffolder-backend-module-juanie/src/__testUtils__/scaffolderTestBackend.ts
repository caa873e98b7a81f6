import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
// The templates run against a real Juanie back end.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import juanieBackend from '@juanie/plugin-juanie-backend';
import fs from 'node:fs';
import { Server } from 'node:http';
import path from 'node:path';
import request from 'supertest';
import { authWithActors } from './authWithActors';
import yaml from 'yaml';
import { scaffolderModuleJuanie } from '../module';

/** A database of Backstage's TestDatabases. */
type Knex = Awaited<ReturnType<TestDatabases['init']>>;

const TEMPLATES_DIR = path.resolve(__dirname, '../../../../templates');

/** What a finished scaffolder task shows: its status and its event log. */
export interface FinishedTask {
  task: { id: string; status: string };
  events: Array<{
    type: string;
    body: {
      message?: string;
      output?: any;
      stepId?: string;
      status?: string;
    };
  }>;
}

/** A template of `templates/` as the catalog holds it. */
function templateEntity(name: string) {
  const file = path.join(TEMPLATES_DIR, name, 'template.yaml');
  const template = yaml.parse(fs.readFileSync(file, 'utf8'));
  template.metadata.namespace = 'default';
  template.metadata.annotations = {
    'backstage.io/managed-by-location': `file:${file}`,
  };
  return template;
}

/** Resolves once `db` has had no query in use or waiting for `quietMs` (at most `maxMs`). */
async function untilIdle(db: Knex, quietMs = 1_000, maxMs = 30_000) {
  const pool = db.client.pool as
    | { numUsed(): number; numPendingAcquires(): number }
    | undefined;
  if (!pool) return;
  const deadline = Date.now() + maxMs;
  let quietSince = Date.now();
  while (Date.now() < deadline && Date.now() - quietSince < quietMs) {
    if (pool.numUsed() + pool.numPendingAcquires() > 0) quietSince = Date.now();
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

/**
 * Each plugin its own database, as in a real deployment (their migrations would collide in
 * one): the given ones, and an in-memory SQLite one for any other.
 */
function databasesOfPlugins(databases: Record<string, Knex>) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { pluginMetadata: coreServices.pluginMetadata },
    factory({ pluginMetadata }) {
      const knex = databases[pluginMetadata.getId()];
      if (!knex) {
        throw new Error(
          `No test database for plugin ${pluginMetadata.getId()}`,
        );
      }
      return { getClient: async () => knex };
    },
  });
}

/**
 * The scaffolder with Juanie's module and Juanie's back end in one test backend, the
 * templates of `templates/` in its catalog, and organisation `acme` (owner carol): what the
 * portal runs when someone starts a template, through the same HTTP API.
 */
export async function startScaffolderTestBackend(options: {
  dataDir: string;
  /** Where juanie:publish:git may write besides the data directory. */
  localRepositoryRoots?: string[];
  /** The databases of the scaffolder and of Juanie (default: in-memory SQLite). */
  databases?: { scaffolder: Knex; juanie: Knex };
}) {
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleJuanie,
      juanieBackend,
      authWithActors,
      catalogServiceMock.factory({
        entities: [
          templateEntity('juanie-project'),
          templateEntity('juanie-environment'),
        ],
      }),
      ...(options.databases ? [databasesOfPlugins(options.databases)] : []),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: false },
          // Stopping waits for the task workers' loops, so none queries a database the
          // test has already shut down.
          scaffolder: { EXPERIMENTAL_gracefulShutdown: true },
          juanie: {
            dataDir: options.dataDir,
            // Juanie connects the local repositories templates create for an organisation.
            repositories: {
              localRoots: [
                options.dataDir,
                ...(options.localRepositoryRoots ?? []),
              ],
            },
            scaffolder: {
              localRepositoryRoots: [
                options.dataDir,
                ...(options.localRepositoryRoots ?? []),
              ],
            },
          },
        },
      }),
    ],
  });
  const { server } = backend;
  const carol = {
    Authorization: mockCredentials.user.header('user:default/carol'),
  };
  await request(server)
    .post('/api/juanie/orgs')
    .set(carol)
    .send({ slug: 'acme', title: 'Acme' })
    .expect(201);

  return {
    server: server as Server,
    /**
     * Stops the backend, then waits until its databases have been idle for a while: Backstage's
     * scheduler does not wait for a scheduled task that is running at shutdown, and its next
     * query after the test's databases are gone fails the whole suite.
     */
    stop: async () => {
      await backend.stop();
      await Promise.all(
        Object.values(options.databases ?? {}).map(db => untilIdle(db)),
      );
    },
    /** `GET /api/juanie<path>` as carol. */
    juanie: (juaniePath: string) =>
      request(server).get(`/api/juanie${juaniePath}`).set(carol),
    /** Starts the template as carol through the scaffolder's API and waits for its end. */
    async runTemplate(
      templateRef: string,
      values: object,
    ): Promise<FinishedTask> {
      const created = await request(server)
        .post('/api/scaffolder/v2/tasks')
        .set(carol)
        .send({ templateRef, values })
        .expect(201);
      for (;;) {
        const task = await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
          .set(carol);
        if (task.body.status === 'completed' || task.body.status === 'failed') {
          const events = await request(server)
            .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
            .set(carol);
          return { task: task.body, events: events.body };
        }
        await new Promise(resolve => setTimeout(resolve, 100));
      }
    },
  };
}

/** The step a failed task stopped at, and what it said. */
export function failureOf({ events }: FinishedTask) {
  const failed = events.find(
    e => e.type === 'log' && e.body.status === 'failed',
  );
  return {
    stepId: failed?.body.stepId,
    messages: events
      .filter(e => e.type === 'log' || e.type === 'completion')
      .map(e => e.body.message)
      .join('\n'),
  };
}
