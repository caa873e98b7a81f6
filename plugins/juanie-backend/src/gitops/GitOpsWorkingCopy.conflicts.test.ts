import { GitOpsConflictError } from './detectConflicts';
import { ManifestChange } from './ManifestChange';
import { ManifestEditor } from './ManifestEditor';
import {
  BareRepository,
  committedLines,
  createBareRepository,
} from './testing/bareRepository';
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

  describe('when the branch moved', () => {
    it('re-applies on top of an upstream change to another field', async () => {
      const base = (await repo.run('rev-parse', 'main')).trim();
      const web = (await readFixtureTree(WEB))[`${WEB}/web.yaml`];
      const upstream = await repo.pushUpstream({
        [`${WEB}/web.yaml`]: web.replace('web:1.4.0', 'web:1.4.1'),
      });
      const sha = await repo.workingCopy('a').commitChange({
        branch: 'main',
        path: WEB,
        apply: applying({ replicas: 4 }),
        message: 'Scale',
        author,
        baseRevision: base,
      });
      expect(await repo.run('rev-parse', `${sha}^`)).toBe(`${upstream}\n`);
      expect(await committedLines(repo, sha)).toEqual({
        [`${WEB}/web.yaml`]: [
          '-  replicas: 2   # staging runs small',
          '+  replicas: 4   # staging runs small',
        ],
      });
      const final = await repo.run('show', `main:${WEB}/web.yaml`);
      expect(final).toContain('web:1.4.1');
      expect(final).toContain('replicas: 4');
    });

    it('reports a conflict when upstream changed the same field', async () => {
      const base = (await repo.run('rev-parse', 'main')).trim();
      const web = (await readFixtureTree(WEB))[`${WEB}/web.yaml`];
      const upstream = await repo.pushUpstream({
        [`${WEB}/web.yaml`]: web.replace('replicas: 2', 'replicas: 3'),
      });
      const promise = repo.workingCopy('a').commitChange({
        branch: 'main',
        path: WEB,
        apply: applying({ replicas: 4 }),
        message: 'Scale',
        author,
        baseRevision: base,
      });
      await expect(promise).rejects.toThrow(GitOpsConflictError);
      await expect(promise).rejects.toMatchObject({
        name: 'ConflictError',
        conflicts: [
          {
            file: 'web.yaml',
            document: 'Deployment/web',
            path: 'spec.replicas',
            base: 2,
            theirs: 3,
            yours: 4,
          },
        ],
      });
      expect((await repo.run('rev-parse', 'main')).trim()).toBe(upstream);
    });

    /** A commit whose first push is rejected because `upstream` lands between fetch and push. */
    const racingUpstream = (from: string, to: string) => {
      let calls = 0;
      const promise = readFixtureTree(WEB).then(tree =>
        repo.workingCopy('a').commitChange({
          branch: 'main',
          path: WEB,
          apply: async files => {
            if (calls++ === 0) {
              const web = tree[`${WEB}/web.yaml`].replace(from, to);
              await repo.pushUpstream({ [`${WEB}/web.yaml`]: web });
            }
            return editor.apply({ files, change: { replicas: 4 } });
          },
          message: 'Scale',
          author,
        }),
      );
      return { promise, calls: () => calls };
    };

    it('between fetch and push: another field merges cleanly', async () => {
      const { promise, calls } = racingUpstream('web:1.4.0', 'web:1.9.9');
      const sha = await promise;
      expect(calls()).toBe(2);
      expect(Object.values(await committedLines(repo, sha))).toEqual([
        [
          '-  replicas: 2   # staging runs small',
          '+  replicas: 4   # staging runs small',
        ],
      ]);
      expect(await repo.run('show', `main:${WEB}/web.yaml`)).toContain(
        'web:1.9.9',
      );
    });

    it('between fetch and push: the same field is a conflict', async () => {
      const { promise } = racingUpstream('replicas: 2', 'replicas: 7');
      await expect(promise).rejects.toMatchObject({
        conflicts: [
          expect.objectContaining({
            path: 'spec.replicas',
            base: 2,
            theirs: 7,
            yours: 4,
          }),
        ],
      });
    });
  });
});
