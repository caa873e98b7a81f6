import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import gitlabModule from '@backstage/plugin-scaffolder-backend-module-gitlab';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { ConfigReader } from '@backstage/config';
import { juanieActions } from './actions';
import { scaffolderModuleJuanie } from './module';

jest.setTimeout(60_000);

const TEMPLATES_DIR = path.resolve(__dirname, '../../../templates');

/** Actions of Backstage's scaffolder and its GitHub and GitLab modules that the templates use. */
const BUILT_IN_ACTIONS = [
  'fetch:template',
  'publish:github',
  'publish:gitlab',
  'catalog:register',
];

const juanieActionIds = juanieActions({
  client: {} as never,
  permissions: {} as never,
  config: new ConfigReader({}),
  discovery: mockServices.discovery.mock(),
  catalog: {} as never,
  logger: mockServices.logger.mock(),
}).map(action => action.id);

interface TemplateStep {
  id: string;
  action: string;
  input?: { url?: string };
}

function readTemplates() {
  return fs
    .readdirSync(TEMPLATES_DIR)
    .filter(dir =>
      fs.existsSync(path.join(TEMPLATES_DIR, dir, 'template.yaml')),
    )
    .map(dir => ({
      dir: path.join(TEMPLATES_DIR, dir),
      entity: yaml.parse(
        fs.readFileSync(path.join(TEMPLATES_DIR, dir, 'template.yaml'), 'utf8'),
      ),
    }));
}

/** The files of a template's directory, as the dry-run API takes them. */
function directoryContents(dir: string) {
  const files: Array<{ path: string; base64Content: string }> = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), {
      withFileTypes: true,
    })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else
        files.push({
          path: child,
          base64Content: fs
            .readFileSync(path.join(dir, child))
            .toString('base64'),
        });
    }
  };
  walk('');
  return files;
}

describe('templates/', () => {
  const templates = readTemplates();

  it('holds the project and environment templates', () => {
    expect(templates.map(t => t.entity.metadata.name).sort()).toEqual([
      'juanie-environment',
      'juanie-project',
    ]);
  });

  it.each(templates.map(t => [t.entity.metadata.name, t] as const))(
    '%s is a v1beta3 Template whose steps use registered actions only',
    (_name, { dir, entity }) => {
      expect(entity).toMatchObject({
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
      });
      const steps = entity.spec.steps as TemplateStep[];
      const unknown = steps
        .map(s => s.action)
        .filter(
          a => !BUILT_IN_ACTIONS.includes(a) && !juanieActionIds.includes(a),
        );
      expect(unknown).toEqual([]);
      const missingSkeletons = steps
        .filter(s => s.action === 'fetch:template')
        .map(s => s.input?.url ?? '')
        .filter(url => !fs.existsSync(path.join(dir, url)));
      expect(missingSkeletons).toEqual([]);
    },
  );

  it('registers both templates in app-config', () => {
    const appConfig = yaml.parse(
      fs.readFileSync(
        path.resolve(__dirname, '../../../app-config.yaml'),
        'utf8',
      ),
    );
    expect(appConfig.catalog.locations).toEqual(
      expect.arrayContaining(
        ['juanie-project', 'juanie-environment'].map(name => ({
          type: 'file',
          target: `../../templates/${name}/template.yaml`,
          rules: [{ allow: ['Template'] }],
        })),
      ),
    );
  });
});

/**
 * Each template through the real scaffolder's dry-run API, with the module's actions: the
 * expressions render, every input matches its action's schema, and the `if:` conditions pick
 * the right steps. The Juanie actions dry run without calling anything.
 */
describe('template dry runs', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const templates = Object.fromEntries(
    readTemplates().map(t => [t.entity.metadata.name, t]),
  );

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        githubModule,
        gitlabModule,
        scaffolderModuleJuanie,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: false },
            integrations: {
              github: [{ host: 'github.com', token: 'x' }],
              gitlab: [{ host: 'gitlab.com', token: 'y' }],
            },
            juanie: { dataDir: '../../data' },
          },
        }),
      ],
    }));
  });

  /** The values the form sends: what the user typed over the parameters' defaults. */
  const withDefaults = (entity: any, values: object) => ({
    ...Object.fromEntries(
      [entity.spec.parameters]
        .flat()
        .flatMap((page: any) => Object.entries(page.properties ?? {}))
        .filter(([, property]: [string, any]) => property.default !== undefined)
        .map(([key, property]: [string, any]) => [key, property.default]),
    ),
    ...values,
  });
  const dryRun = async (name: string, values: object) => {
    const { dir, entity } = templates[name];
    return request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header('user:default/carol'))
      .send({
        template: entity,
        values: withDefaults(entity, values),
        directoryContents: directoryContents(dir),
      });
  };
  /** Steps whose `if:` let them run: they completed, or were skipped only for not supporting dry runs. */
  const chosenSteps = (body: {
    log: Array<{ body: { stepId?: string; status?: string; message: string } }>;
  }) => [
    ...new Set(
      body.log
        .filter(
          l =>
            l.body.status === 'completed' ||
            /does not support dry-run/.test(l.body.message),
        )
        .map(l => l.body.stepId),
    ),
  ];

  it('juanie-project with a local repository: publishes with juanie:publish:git and skips the catalog', async () => {
    const response = await dryRun('juanie-project', {
      org: 'acme',
      name: 'checkout',
      repoHost: 'git',
    });

    expect(response.status).toBe(200);
    expect(chosenSteps(response.body)).toEqual([
      'parameters',
      'check-project',
      'fetch-skeleton',
      'publish-git',
      'create-project',
      'connect-gitops',
      'connect-app',
      'gitops',
    ]);
    const files = Object.fromEntries(
      response.body.directoryContents.map(
        (f: { path: string; base64Content: string }) => [
          f.path,
          Buffer.from(f.base64Content, 'base64').toString('utf8'),
        ],
      ),
    );
    expect(yaml.parse(files['catalog-info.yaml'])).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'checkout',
        description: 'A service created with the Juanie project template',
        annotations: { 'juanie.io/project': 'acme/checkout' },
      },
      spec: {
        type: 'service',
        lifecycle: 'experimental',
        owner: 'user:default/carol',
        system: 'system:acme/checkout',
      },
    });
    expect(files['README.md']).toContain(
      '- **staging** (staging): 1 approval(s) per deployment',
    );
    expect(files['README.md']).toContain('`ghcr.io/acme/checkout:0.1.0`');
    expect(response.body.output.links).toEqual([
      {
        title: 'Repository',
        url: `file://${path.resolve('../../data/scaffolded/checkout.git')}`,
      },
      { title: 'Juanie project', url: '/juanie/orgs/acme/projects/checkout' },
      {
        title: 'Open in catalog',
        icon: 'catalog',
        entityRef: 'system:acme/checkout',
      },
    ]);
  });

  it('juanie-project on GitHub: publishes with publish:github and registers the component', async () => {
    const response = await dryRun('juanie-project', {
      org: 'acme',
      name: 'checkout',
      repoHost: 'github',
      owner: 'group:acme/web-team',
      registerWebhook: true,
    });

    expect(response.status).toBe(200);
    expect(chosenSteps(response.body)).toEqual([
      'parameters',
      'check-project',
      'fetch-skeleton',
      'publish-github',
      'create-project',
      'connect-gitops',
      'connect-app',
      'gitops',
      'webhook',
      'register',
    ]);
  });

  it('juanie-project refuses values its parameters do not allow', async () => {
    const response = await dryRun('juanie-project', {
      org: 'Acme Corp',
      name: 'Checkout!',
      repoHost: 'git',
    });

    expect(response.status).toBe(400);
    expect(
      response.body.errors.map((e: { property: string }) => e.property).sort(),
    ).toEqual(['instance.name', 'instance.org']);
  });

  it('juanie-environment: creates the environment, then adds its overlay', async () => {
    const response = await dryRun('juanie-environment', {
      org: 'acme',
      project: 'checkout',
      slug: 'qa',
    });

    expect(response.status).toBe(200);
    expect(chosenSteps(response.body)).toEqual([
      'parameters',
      'create-environment',
      'gitops',
    ]);
  });
});
