import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import {
  JuanieTestBackend,
  startJuanieTestBackend,
} from '../__testUtils__/juanieTestBackend';
import { connectRepositoryAction } from './connectRepositoryAction';
import { examples } from './connectRepositoryAction.examples';

jest.setTimeout(60_000);

const inputOf = (example: { example: string }) =>
  yaml.parse(example.example).steps[0].input;

describe('juanie:repository:connect', () => {
  let juanie: JuanieTestBackend;
  let action: ReturnType<typeof connectRepositoryAction>;
  const repositories = async (project: string) =>
    (await juanie.get(`/orgs/acme/projects/${project}/repositories`)).body
      .items;
  const run = async (input: object) => {
    const ctx = createMockActionContext({ input: input as any });
    await action.handler(ctx);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  };

  beforeAll(async () => {
    juanie = await startJuanieTestBackend();
    action = connectRepositoryAction(juanie.client);
    for (const slug of ['checkout', 'mono', 'split']) {
      await juanie
        .send('post', '/orgs/acme/projects', { slug, title: slug })
        .expect(201);
    }
  });

  it('runs its examples: an app repository and a GitOps repository on GitHub', async () => {
    const app = await run({
      ...inputOf(examples[0]),
      url: 'https://github.com/acme/checkout.git',
    });
    const gitops = await run(inputOf(examples[1]));

    expect(app).toMatchObject({
      purpose: 'app',
      created: true,
      repositoryId: expect.any(String),
    });
    expect(gitops).toMatchObject({ purpose: 'gitops', created: true });
    expect(await repositories('checkout')).toEqual([
      expect.objectContaining({
        id: app.repositoryId,
        url: 'https://github.com/acme/checkout.git',
        purpose: 'app',
      }),
      expect.objectContaining({
        id: gitops.repositoryId,
        url: 'https://github.com/acme/fleet.git',
        purpose: 'gitops',
        provider: 'github',
      }),
    ]);
  });

  it('keeps the record when the URL is connected already with that purpose', async () => {
    const again = await run({
      ...inputOf(examples[0]),
      url: 'https://github.com/acme/checkout.git',
    });

    expect(again).toMatchObject({ purpose: 'app', created: false });
    expect(await repositories('checkout')).toHaveLength(2);
  });

  it('connects one repository holding both app and GitOps layout once, as gitops', async () => {
    const url = 'https://git.example.com/acme/mono.git';
    const gitops = await run({
      org: 'acme',
      project: 'mono',
      url,
      purpose: 'gitops',
    });
    const app = await run({
      org: 'acme',
      project: 'mono',
      url,
      purpose: 'app',
    });

    expect(app).toEqual({ ...gitops, created: false });
    expect(await repositories('mono')).toEqual([
      expect.objectContaining({ url, purpose: 'gitops', provider: 'git' }),
    ]);
  });

  it('refuses to make an app repository the GitOps one, saying which order works', async () => {
    const url = 'https://git.example.com/acme/split.git';
    await run({ org: 'acme', project: 'split', url, purpose: 'app' });

    await expect(
      run({ org: 'acme', project: 'split', url, purpose: 'gitops' }),
    ).rejects.toThrow(
      /is connected to acme\/split as an app repository; .* must be connected as gitops first/,
    );
    expect(await repositories('split')).toEqual([
      expect.objectContaining({ purpose: 'app' }),
    ]);
  });

  it('changes nothing on a dry run', async () => {
    const ctx = {
      ...createMockActionContext({
        input: {
          org: 'acme',
          project: 'split',
          url: 'https://github.com/acme/dry.git',
          purpose: 'app' as const,
        },
      }),
      isDryRun: true,
    };

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('created', false);
    expect(await repositories('split')).toHaveLength(1);
  });

  it.each([
    [
      'a URL git would read as an option',
      '-uhttps://evil',
      /Invalid repository: url: must not start with a dash/,
    ],
    [
      'a relative path',
      'repos/mine.git',
      /Invalid repository: url: must be an https:\/\/, ssh:\/\/ or file:\/\/\/ git URL/,
    ],
  ])('refuses %s', async (_case, url, message) => {
    await expect(
      run({ org: 'acme', project: 'split', url, purpose: 'app' }),
    ).rejects.toThrow(message);
  });

  it('says when the project does not exist', async () => {
    await expect(
      run({
        org: 'acme',
        project: 'ghost',
        url: 'https://github.com/acme/x.git',
        purpose: 'app',
      }),
    ).rejects.toThrow(
      /Listing the repositories of acme\/ghost failed: Juanie answered 404/,
    );
  });
});
