import { InputError, NotFoundError } from '@backstage/errors';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ManifestChange } from './ManifestChange';
import { ManifestEditor } from './ManifestEditor';
import {
  BareRepository,
  committedLines,
  createBareRepository,
  isolatedGit,
} from './testing/bareRepository';
import { CHANGE_CASES } from './testing/changeCases';
import { readFixtureTree } from './testing/fixtures';

const editor = new ManifestEditor();
const author = { name: 'Ada Requester', email: 'ada@example.com' };
const WEB = 'clusters/staging/web';
const applying =
  (change: ManifestChange, workload?: string) =>
  (files: Record<string, string>) =>
    editor.apply({ files, change, workload });

describe('GitOpsWorkingCopy', () => {
  let repo: BareRepository;
  beforeEach(async () => {
    repo = await createBareRepository(await readFixtureTree());
  });
  afterEach(() => repo.cleanup());

  describe('commits exactly the intended lines', () => {
    it.each(CHANGE_CASES)(
      '$name',
      async ({ environment, workload, change, lines }) => {
        const sha = await repo.workingCopy('a').commitChange({
          branch: 'main',
          path: environment,
          apply: applying(
            change,
            workload ?? (environment === WEB ? 'Deployment/web' : undefined),
          ),
          message: 'Deploy',
          author,
        });
        const expected = Object.fromEntries(
          Object.entries(lines).map(([f, l]) => [`${environment}/${f}`, l]),
        );
        expect(await committedLines(repo, sha)).toEqual(expected);
      },
    );
  });

  it('writes a readable message, the author, the committer and the trailers', async () => {
    const sha = await repo.workingCopy('a').commitChange({
      branch: 'main',
      path: WEB,
      apply: applying({ replicas: 3 }),
      message: 'Scale web to 3 in staging\n\nRequested in the portal.',
      trailers: {
        'Juanie-Deployment-Id': 'dep-1',
        'Juanie-Requested-By': 'user:default/ada',
        'Juanie-Approved-By': 'user:default/bob, user:default/eve',
      },
      author,
    });
    const format = '%an <%ae>%n%cn <%ce>%n%B';
    expect(await repo.run('log', '-1', `--format=${format}`, sha)).toBe(
      'Ada Requester <ada@example.com>\nJuanie <juanie@example.com>\n' +
        'Scale web to 3 in staging\n\nRequested in the portal.\n\n' +
        'Juanie-Deployment-Id: dep-1\nJuanie-Requested-By: user:default/ada\nJuanie-Approved-By: user:default/bob, user:default/eve\n\n',
    );
    expect(
      await repo.run(
        'log',
        '-1',
        '--format=%(trailers:key=Juanie-Approved-By,valueonly)',
        sha,
      ),
    ).toBe('user:default/bob, user:default/eve\n\n');
  });

  it('reads an environment path with the Kustomize bases it builds from', async () => {
    const files = await repo
      .workingCopy('a')
      .readPath('main', 'apps/api/overlays/staging/');
    expect(Object.keys(files).sort()).toEqual([
      '../../base/deployment.yaml',
      '../../base/kustomization.yaml',
      '../../base/service.yaml',
      'kustomization.yaml',
      'replicas.yaml',
    ]);
    expect(files['replicas.yaml']).toBe(
      (await readFixtureTree('apps/api/overlays/staging'))[
        'apps/api/overlays/staging/replicas.yaml'
      ],
    );
  });

  it.each([
    [
      'a path that escapes the repository',
      { path: '../outside' },
      InputError,
      /escapes the repository/,
    ],
    [
      'an absolute path',
      { path: '/etc' },
      InputError,
      /relative to the repository root/,
    ],
    [
      'a path into .git',
      { path: '.git/hooks' },
      InputError,
      /points into .git/,
    ],
    [
      'a branch that reads as an option',
      { branch: '--upload-pack=evil' },
      InputError,
      /not a valid branch name/,
    ],
    [
      'a trailer key with spaces',
      { trailers: { 'Bad Key': 'x' } },
      InputError,
      /not a valid trailer key/,
    ],
    [
      'a multi-line trailer value',
      { trailers: { 'Juanie-Deployment-Id': 'a\nEvil: b' } },
      InputError,
      /single line/,
    ],
    [
      'a branch that does not exist',
      { branch: 'nope' },
      NotFoundError,
      /Branch nope does not exist/,
    ],
  ])('refuses %s', async (_, override, type, message) => {
    const promise = repo.workingCopy('a').commitChange({
      branch: 'main',
      path: WEB,
      apply: applying({ replicas: 3 }),
      message: 'Deploy',
      author,
      ...override,
    });
    await expect(promise).rejects.toThrow(type);
    await expect(promise).rejects.toThrow(message);
  });

  it('never proposes a new file where the path has a symbolic link of that name', async () => {
    const prod = 'apps/api/overlays/prod';
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'juanie-link-'));
    try {
      const person = isolatedGit(dir, 'Linker');
      await person.raw(['clone', '--quiet', repo.url, '.']);
      await fs.symlink(
        '../../base/deployment.yaml',
        path.join(dir, prod, 'api-deployment-patch.yaml'),
      );
      await person.raw(['add', '--all']);
      await person.raw(['commit', '--quiet', '-m', 'A link']);
      await person.raw(['push', '--quiet', 'origin', 'HEAD:refs/heads/main']);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    const workingCopy = repo.workingCopy('a');
    const { files, links } = await workingCopy.readSnapshot('main', prod);
    expect(links).toEqual(['api-deployment-patch.yaml']);
    expect(files).not.toHaveProperty(['api-deployment-patch.yaml']);
    const change = { replicas: 5 };
    // The preview and the commit choose the same free name.
    const preview = editor.apply({ files, links, change });
    expect(Object.keys(preview.files).sort()).toEqual([
      'api-deployment-patch-2.yaml',
      'kustomization.yaml',
    ]);
    const sha = await workingCopy.commitChange({
      branch: 'main',
      path: prod,
      apply: (current, currentLinks) =>
        editor.apply({ files: current, links: currentLinks, change }),
      message: 'Deploy',
      author,
    });
    expect(Object.keys(await committedLines(repo, sha)).sort()).toEqual([
      `${prod}/api-deployment-patch-2.yaml`,
      `${prod}/kustomization.yaml`,
    ]);
  });

  it('discards what a crashed run left in the cache: unpushed commits and stray files', async () => {
    const workingCopy = repo.workingCopy('a');
    const first = await workingCopy.commitChange({
      branch: 'main',
      path: WEB,
      apply: applying({ replicas: 3 }),
      message: 'Deploy',
      author,
    });
    const cache = path.join(
      repo.url.slice('file://'.length),
      '..',
      'cache',
      'a',
    );
    const [clone] = await fs.readdir(cache);
    const cloneDir = path.join(cache, clone);
    // A crash after the commit and before the push leaves both behind.
    await fs.writeFile(path.join(cloneDir, WEB, 'web.yaml'), 'half written');
    await fs.writeFile(path.join(cloneDir, 'stray.yaml'), 'a: 1\n');
    await isolatedGit(cloneDir, 'Crash').raw([
      'commit',
      '--quiet',
      '-am',
      'never pushed',
    ]);
    const sha = await workingCopy.commitChange({
      branch: 'main',
      path: WEB,
      apply: applying({ replicas: 5 }),
      message: 'Deploy',
      author,
    });
    expect(await repo.run('rev-parse', `${sha}^`)).toBe(`${first}\n`);
    expect(await repo.run('show', '--stat', '--format=', sha)).toMatch(
      /^ clusters\/staging\/web\/web.yaml \| 2 \+-\n 1 file changed/,
    );
  });

  it('finds its own commit by trailer from a fresh clone', async () => {
    const sha = await repo.workingCopy('crashed').commitChange({
      branch: 'main',
      path: WEB,
      apply: applying({ replicas: 3 }),
      message: 'Scale',
      author,
      trailers: { 'Juanie-Deployment-Id': 'dep-42' },
    });
    await repo.pushUpstream({ 'README.md': 'later commit\n' });
    const restarted = repo.workingCopy('restarted');
    await expect(
      restarted.findCommitByTrailer('main', 'Juanie-Deployment-Id', 'dep-42'),
    ).resolves.toBe(sha);
    await expect(
      restarted.findCommitByTrailer('main', 'Juanie-Deployment-Id', 'dep-4'),
    ).resolves.toBeUndefined();
    await expect(
      restarted.findCommitByTrailer('main', 'Juanie-Requested-By', 'dep-42'),
    ).resolves.toBeUndefined();
  });

  it('tells whether a commit is contained in a later one', async () => {
    const first = (await repo.run('rev-parse', 'main')).trim();
    const later = await repo.pushUpstream({ 'README.md': 'x\n' });
    const workingCopy = repo.workingCopy('a');
    await expect(workingCopy.isAncestor(first, later)).resolves.toBe(true);
    await expect(workingCopy.isAncestor(later, later)).resolves.toBe(true);
    await expect(workingCopy.isAncestor(later, first)).resolves.toBe(false);
    await expect(workingCopy.isAncestor('0'.repeat(40), later)).rejects.toThrow(
      NotFoundError,
    );
  });
});
