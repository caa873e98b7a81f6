import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
// The template is run against a real Juanie back end.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import juanieBackend from '@juanie/plugin-juanie-backend';
import fs from 'node:fs';
import { Server } from 'node:http';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { temporaryDirectory } from './__testUtils__/bareRepository';
import { isolatedGit } from './git/isolatedGit';
import { scaffolderModuleJuanie } from './module';

jest.setTimeout(120_000);

const TEMPLATE_FILE = path.resolve(
  __dirname,
  '../../../templates/juanie-project/template.yaml',
);

/**
 * The juanie-project template run for real by the scaffolder, with the module's actions and
 * Juanie's back end in one test backend, publishing to a local bare repository: what a person
 * who picks "git" in the portal gets.
 */
describe('template:default/juanie-project on a local repository', () => {
  let server: Server;
  let dataDir: string;
  const carol = {
    Authorization: mockCredentials.user.header('user:default/carol'),
  };

  beforeAll(async () => {
    dataDir = await temporaryDirectory('data');
    const template = yaml.parse(fs.readFileSync(TEMPLATE_FILE, 'utf8'));
    template.metadata.namespace = 'default';
    template.metadata.annotations = {
      'backstage.io/managed-by-location': `file:${TEMPLATE_FILE}`,
    };
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleJuanie,
        juanieBackend,
        catalogServiceMock.factory({ entities: [template] }),
        mockServices.rootConfig.factory({
          data: { permission: { enabled: false }, juanie: { dataDir } },
        }),
      ],
    }));
    await request(server)
      .post('/api/juanie/orgs')
      .set(carol)
      .send({ slug: 'acme', title: 'Acme' })
      .expect(201);
  });

  afterAll(() => fs.promises.rm(dataDir, { recursive: true, force: true }));

  async function runTemplate(values: object) {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set(carol)
      .send({ templateRef: 'template:default/juanie-project', values })
      .expect(201);
    for (;;) {
      const task = await request(server)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
        .set(carol);
      if (task.body.status === 'completed' || task.body.status === 'failed') {
        const events = await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
          .set(carol);
        return {
          task: task.body,
          events: events.body as Array<{
            type: string;
            body: {
              message?: string;
              output?: any;
              stepId?: string;
              status?: string;
            };
          }>,
        };
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }

  it('publishes the repository, creates the project and points every environment at its pushed overlay', async () => {
    const repoDir = path.join(dataDir, 'scaffolded', 'checkout.git');
    const { task, events } = await runTemplate({
      org: 'acme',
      name: 'checkout',
      repoHost: 'git',
      localRepoPath: repoDir,
      description: 'Payments',
      environments: [
        { slug: 'dev', kind: 'development', requiredApprovals: 0 },
        { slug: 'prod', kind: 'production', requiredApprovals: 2 },
      ],
      containerPort: 8080,
    });

    expect(
      events
        .filter(e => e.type === 'log' && /error/i.test(e.body.message ?? ''))
        .map(e => e.body.message),
    ).toEqual([]);
    expect(task.status).toBe('completed');
    const files = (
      await isolatedGit(repoDir).raw(['ls-tree', '-r', '--name-only', 'main'])
    )
      .split('\n')
      .filter(Boolean);
    expect(files).toEqual(
      expect.arrayContaining([
        'README.md',
        'catalog-info.yaml',
        'apps/checkout/base/deployment.yaml',
        'apps/checkout/overlays/dev/kustomization.yaml',
        'apps/checkout/overlays/prod/kustomization.yaml',
        'clusters/default/checkout-prod.yaml',
      ]),
    );
    const repositories = (
      await request(server)
        .get('/api/juanie/orgs/acme/projects/checkout/repositories')
        .set(carol)
    ).body.items;
    expect(repositories).toEqual([
      expect.objectContaining({ url: `file://${repoDir}`, purpose: 'gitops' }),
    ]);
    const envs = (
      await request(server)
        .get('/api/juanie/orgs/acme/projects/checkout/environments')
        .set(carol)
    ).body.items;
    expect(
      envs.map((e: any) => [
        e.slug,
        e.approval.requiredApprovals,
        e.gitops?.path,
      ]),
    ).toEqual([
      ['dev', 0, 'apps/checkout/overlays/dev'],
      ['prod', 2, 'apps/checkout/overlays/prod'],
    ]);
    const completion = events.find(e => e.type === 'completion');
    expect(completion?.body.output.links).toEqual([
      { title: 'Repository', url: `file://${repoDir}` },
      { title: 'Juanie project', url: '/juanie/orgs/acme/projects/checkout' },
      {
        title: 'Open in catalog',
        icon: 'catalog',
        entityRef: 'system:acme/checkout',
      },
    ]);
  });

  it('stops on a taken slug before it publishes anything, saying so', async () => {
    const repoDir = path.join(dataDir, 'scaffolded', 'checkout-again.git');
    const { task, events } = await runTemplate({
      org: 'acme',
      name: 'checkout',
      repoHost: 'git',
      localRepoPath: repoDir,
    });

    expect(task.status).toBe('failed');
    const failure = events.find(
      e => e.type === 'log' && e.body.status === 'failed',
    );
    expect(failure?.body).toMatchObject({ stepId: 'check-project' });
    expect(events.map(e => e.body.message).join('\n')).toContain(
      'Project acme/checkout already exists: the slug checkout is taken in acme, choose another name. Nothing was created',
    );
    expect(fs.existsSync(repoDir)).toBe(false);
  });
});
