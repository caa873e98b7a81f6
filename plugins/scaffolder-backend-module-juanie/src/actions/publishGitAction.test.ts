import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import {
  BareRepository,
  createBareRepository,
  temporaryDirectory,
} from '../__testUtils__/bareRepository';
import { gitAuthorizationFor } from '@juanie/plugin-juanie-node';
import { isolatedGit } from '../git/isolatedGit';
import { scaffolderGitGuard } from '../git/remoteGuard';
import { InitiatorAccess } from './InitiatorAccess';
import { publishGitAction } from './publishGitAction';
import { examples } from './publishGitAction.examples';

jest.setTimeout(30_000);

/** The action as the module wires it, with `config`. */
const publishWith = (data: object) => {
  const config = new ConfigReader(data);
  return publishGitAction({
    config,
    access: new InitiatorAccess(mockServices.permissions()),
    authorization: gitAuthorizationFor(config),
    guard: scaffolderGitGuard(config, mockServices.logger.mock()),
  });
};

/** A TCP server that accepts connections and never answers; counts who came. */
async function startSilentServer() {
  const sockets: net.Socket[] = [];
  const server = net.createServer(socket => sockets.push(socket));
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => sockets.length,
    close: () => {
      sockets.forEach(socket => socket.destroy());
      return new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}

const exists = (p: string) =>
  fs.stat(p).then(
    () => true,
    () => false,
  );

describe('juanie:publish:git', () => {
  let root: string;
  let workspace: string;
  let action: ReturnType<typeof publishGitAction>;
  const repositories: BareRepository[] = [];

  // Who may publish is tested with Juanie's permission policy in actsAsTheUser.test.ts.
  const run = async (input: object, options: { dryRun?: boolean } = {}) => {
    const ctx = {
      ...createMockActionContext({
        input: { org: 'acme', ...input } as any,
        workspacePath: workspace,
        user: {
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'User',
            metadata: { name: 'carol' },
            spec: {
              profile: { displayName: 'Carol', email: 'carol@example.com' },
            },
          },
        },
      }),
      isDryRun: options.dryRun,
    };
    await action.handler(ctx);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  };
  const bare = async (files?: Record<string, string>) => {
    const repo = await createBareRepository(files);
    repositories.push(repo);
    return repo;
  };
  const filesOf = async (dir: string, branch = 'main') => {
    const git = isolatedGit(dir);
    const names = (await git.raw(['ls-tree', '-r', '--name-only', branch]))
      .split('\n')
      .filter(Boolean);
    return Object.fromEntries(
      await Promise.all(
        names.map(async n => [n, await git.raw(['show', `${branch}:${n}`])]),
      ),
    );
  };

  beforeAll(async () => {
    root = await temporaryDirectory('local-repos');
    workspace = await temporaryDirectory('workspace');
    await fs.mkdir(path.join(workspace, 'service'));
    await fs.writeFile(path.join(workspace, 'README.md'), '# checkout\n');
    await fs.writeFile(
      path.join(workspace, 'catalog-info.yaml'),
      'kind: Component\n',
    );
    await fs.writeFile(
      path.join(workspace, 'service', 'main.go'),
      'package main\n',
    );
    // The temporary directory holds root and the bare repositories the tests make.
    action = publishWith({
      juanie: { scaffolder: { localRepositoryRoots: [os.tmpdir()] } },
    });
  });

  afterAll(async () => {
    await Promise.all(repositories.map(repo => repo.cleanup()));
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(workspace, { recursive: true, force: true });
  });

  it('runs its first example: creates the bare repository and pushes the workspace as its first commit', async () => {
    const input = yaml.parse(examples[0].example).steps[0].input;
    const dir = path.join(root, 'scaffolded', 'checkout.git');

    const output = await run({
      ...input,
      // Relative paths are read from the first local repository root (the temp dir here).
      localPath: path.relative(os.tmpdir(), dir),
    });

    expect(output).toEqual({
      remoteUrl: `file://${dir}`,
      repoContentsUrl: `file://${dir}`,
      defaultBranch: 'main',
      commitHash: (await isolatedGit(dir).raw(['rev-parse', 'main'])).trim(),
      created: true,
      reused: false,
    });
    expect(await filesOf(dir)).toEqual({
      'README.md': '# checkout\n',
      'catalog-info.yaml': 'kind: Component\n',
      'service/main.go': 'package main\n',
    });
    const git = isolatedGit(dir);
    expect((await git.raw(['symbolic-ref', 'HEAD'])).trim()).toBe(
      'refs/heads/main',
    );
    expect(
      (await git.raw(['log', '--format=%an <%ae>|%s', 'main'])).trim(),
    ).toBe('Carol <carol@example.com>|Initial commit');
    expect(await exists(path.join(workspace, '.git'))).toBe(false);
  });

  it('publishes a directory of the workspace to an empty repository on another branch', async () => {
    const repo = await bare();

    const output = await run({
      remoteUrl: repo.url,
      sourcePath: 'service',
      defaultBranch: 'trunk',
      gitCommitMessage: 'Service only',
    });

    expect(output).toMatchObject({
      remoteUrl: repo.url,
      defaultBranch: 'trunk',
      created: false,
    });
    expect(await repo.files('trunk')).toEqual({ 'main.go': 'package main\n' });
    expect(await repo.log('trunk')).toEqual(['Service only']);
  });

  it('refuses a remote whose branch already has commits, and leaves it as it was', async () => {
    const repo = await bare({ LICENSE: 'MIT\n' });

    await expect(run({ remoteUrl: repo.url })).rejects.toThrow(
      `${repo.url} already has commits on main; juanie:publish:git only makes the first commit of an empty repository`,
    );
    expect(await repo.log()).toEqual(['Upstream layout']);
  });

  it('finds the first commit an earlier run made of the same files, and pushes nothing (a template run again after a failure)', async () => {
    const repo = await bare();
    const first = await run({ remoteUrl: repo.url });

    const again = await run({ remoteUrl: repo.url });

    expect(again).toMatchObject({
      commitHash: first.commitHash,
      created: false,
      reused: true,
    });
    expect(await repo.log()).toEqual(['Initial commit']);
  });

  it('refuses a branch whose first commit holds other files, and leaves it as it was', async () => {
    const repo = await bare();
    await run({ remoteUrl: repo.url });
    await fs.writeFile(path.join(workspace, 'CHANGED.md'), 'other\n');
    try {
      await expect(run({ remoteUrl: repo.url })).rejects.toThrow(
        `${repo.url} already has commits on main; juanie:publish:git only makes the first commit of an empty repository (or finds the one an earlier run made of the same files`,
      );
    } finally {
      await fs.rm(path.join(workspace, 'CHANGED.md'));
    }
    expect(await repo.log()).toEqual(['Initial commit']);
  });

  it('reports a remote that refuses the push in its own words', async () => {
    const repo = await bare();
    await repo.refusePushes('read-only mirror');

    await expect(run({ remoteUrl: repo.url })).rejects.toThrow(
      /refused the push of main: .*read-only mirror/s,
    );
    expect(await repo.log()).toEqual([]);
  });

  it('creates nothing on a dry run', async () => {
    const dir = path.join(root, 'dry.git');

    const output = await run(
      { localPath: dir, createIfMissing: true },
      { dryRun: true },
    );

    expect(output).toEqual({
      remoteUrl: `file://${dir}`,
      repoContentsUrl: `file://${dir}`,
      defaultBranch: 'main',
      created: false,
    });
    expect(await exists(dir)).toBe(false);
  });

  it.each([
    [
      'both remoteUrl and localPath',
      { remoteUrl: 'https://git.example.com/a.git', localPath: 'x.git' },
      'Give exactly one of remoteUrl and localPath',
    ],
    ['neither', {}, 'Give exactly one of remoteUrl and localPath'],
    [
      'a missing local repository without createIfMissing',
      { localPath: '<root>/missing.git' },
      /missing.git does not exist; set createIfMissing/,
    ],
    [
      'a path outside the allowed directories',
      { localPath: '/etc/juanie.git', createIfMissing: true },
      /\/etc\/juanie.git is outside the directories where local repositories may be written/,
    ],
    [
      'a URL git would read as an option',
      { remoteUrl: '--upload-pack=touch /tmp/x' },
      /Invalid remoteUrl/,
    ],
    [
      'a bad branch',
      {
        localPath: '<root>/b.git',
        createIfMissing: true,
        defaultBranch: 'a b',
      },
      /Invalid default branch: must be a valid git branch name/,
    ],
    [
      'a source path outside the workspace',
      { localPath: '<root>/c.git', createIfMissing: true, sourcePath: '../..' },
      /outside/,
    ],
    [
      'an empty source directory',
      {
        localPath: '<root>/d.git',
        createIfMissing: true,
        sourcePath: 'nothing-here',
      },
      /Nothing to publish: nothing-here is empty or missing/,
    ],
  ])('refuses %s and creates nothing', async (_case, input, message) => {
    const withRoot = JSON.parse(JSON.stringify(input).replace(/<root>/g, root));
    const before = await fs.readdir(root);

    await expect(run(withRoot)).rejects.toThrow(message);

    expect(await fs.readdir(root)).toEqual(before);
  });

  // Tenancy rule 3: the back end's rules for git remotes hold for the scaffolder's calls too.
  describe('remote rules', () => {
    let silent: Awaited<ReturnType<typeof startSilentServer>>;
    beforeAll(async () => {
      silent = await startSilentServer();
    });
    afterAll(async () => {
      await silent.close();
      action = publishWith({
        juanie: { scaffolder: { localRepositoryRoots: [os.tmpdir()] } },
      });
    });

    it.each([
      ['http://127.0.0.1:<port>/x.git', '127.0.0.1'],
      ['http://localhost:<port>/x.git', 'localhost'],
      ['http://169.254.169.254/latest/meta-data/x.git', '169.254.169.254'],
    ])(
      'a template publishes to %s (server-side request forgery) — refused before any connection, dry run or not',
      async (remote, host) => {
        // The host is allowed: the address alone is what refuses it.
        action = publishWith({
          juanie: { repositories: { allowedHosts: [host] } },
        });
        const remoteUrl = remote.replace('<port>', String(silent.port));

        for (const dryRun of [false, true]) {
          await expect(run({ remoteUrl }, { dryRun })).rejects.toThrow(
            `${remoteUrl} may not be contacted: ${host} is a loopback, link-local or private address, which repositories may not use here (juanie.repositories.allowPrivateAddresses)`,
          );
        }
        expect(silent.connections()).toBe(0);
      },
    );

    it('a template publishes to a host no integration or allow-list names — refused', async () => {
      action = publishWith({
        juanie: { repositories: { allowedHosts: ['git.acme.example'] } },
      });

      await expect(
        run({ remoteUrl: 'https://git.elsewhere.example/x.git' }),
      ).rejects.toThrow(
        'https://git.elsewhere.example/x.git may not be contacted: git.elsewhere.example is not a host repositories may be connected from: ask the platform team to configure it as an integration (integrations.*) or add it to juanie.repositories.allowedHosts',
      );
    });

    it('a template publishes with credentials in the URL — refused, without showing them', async () => {
      action = publishWith({});

      const refusal = run({
        remoteUrl: 'https://carol:s3cret@github.com/acme/x.git',
      });

      await expect(refusal).rejects.toThrow(
        'https://github.com/acme/x.git may not be contacted: Repository URLs must not carry credentials',
      );
      await expect(refusal).rejects.not.toThrow(/s3cret/);
    });

    it('a git server that never answers ends the publish with a time-out error', async () => {
      action = publishWith({
        juanie: {
          git: { timeoutSeconds: 1 },
          // This test opts in to its server on 127.0.0.1.
          repositories: {
            allowedHosts: ['127.0.0.1'],
            allowPrivateAddresses: true,
          },
        },
      });
      const remoteUrl = `http://127.0.0.1:${silent.port}/x.git`;

      await expect(run({ remoteUrl })).rejects.toThrow(
        `${remoteUrl} did not answer within 1 s (juanie.git.timeoutSeconds)`,
      );
      expect(silent.connections()).toBeGreaterThan(0);
    });
  });
});
