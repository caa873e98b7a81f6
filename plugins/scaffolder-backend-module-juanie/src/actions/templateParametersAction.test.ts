import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { templateParametersAction } from './templateParametersAction';
import { examples } from './templateParametersAction.examples';

const projectTemplate = yaml.parse(
  fs.readFileSync(
    path.resolve(
      __dirname,
      '../../../../templates/juanie-project/template.yaml',
    ),
    'utf8',
  ),
);
projectTemplate.metadata.namespace = 'default';
const TEMPLATE_REF = 'template:default/juanie-project';

describe('juanie:template:parameters', () => {
  const action = templateParametersAction({
    catalog: catalogServiceMock({ entities: [projectTemplate] }),
  });

  const run = async (
    values: object | undefined,
    options: { templateRef?: string; isDryRun?: boolean } = {},
  ) => {
    const ctx = {
      ...createMockActionContext({
        input: { values } as any,
        templateInfo: { entityRef: options.templateRef ?? TEMPLATE_REF },
      }),
      isDryRun: options.isDryRun,
    };
    await action.handler(ctx);
    return (ctx.output as jest.Mock).mock.calls[0][1];
  };

  it("runs its example: a run started through the API gets the template's own defaults", async () => {
    const { values } = yaml.parse(examples[0].example).steps[0].input;
    expect(values).toBe('${{ parameters }}');

    const filled = await run({
      org: 'acme',
      name: 'checkout',
      repoHost: 'git',
    });

    expect(filled).toEqual({
      org: 'acme',
      name: 'checkout',
      repoHost: 'git',
      description: 'A service created with the Juanie project template',
      githubHost: 'github.com',
      gitlabHost: 'gitlab.com',
      registerWebhook: false,
      environments: [
        { slug: 'dev', kind: 'development', requiredApprovals: 0 },
        { slug: 'staging', kind: 'staging', requiredApprovals: 1 },
        { slug: 'prod', kind: 'production', requiredApprovals: 2 },
      ],
      containerPort: 8080,
    });
  });

  it('keeps what the run gives, and fills the defaults of each listed environment', async () => {
    const filled = await run({
      org: 'acme',
      name: 'checkout',
      repoHost: 'github',
      registerWebhook: true,
      containerPort: 3000,
      environments: [{ slug: 'qa' }, { slug: 'live', kind: 'production' }],
    });

    expect(filled).toMatchObject({
      repoHost: 'github',
      registerWebhook: true,
      containerPort: 3000,
      environments: [
        { slug: 'qa', kind: 'development', requiredApprovals: 0 },
        { slug: 'live', kind: 'production', requiredApprovals: 0 },
      ],
    });
  });

  it('says so when the template is not in the catalog', async () => {
    await expect(
      run({ org: 'acme' }, { templateRef: 'template:default/gone' }),
    ).rejects.toThrow(
      'Cannot read the defaults of template:default/gone: it is not in the catalog',
    );
  });

  it("passes a dry run's values on as given: its template is sent with the request, its values come from the form", async () => {
    const filled = await run(
      { org: 'acme', environments: [] },
      { templateRef: 'template:default/dry-run', isDryRun: true },
    );

    expect(filled).toEqual({ org: 'acme', environments: [] });
  });
});
