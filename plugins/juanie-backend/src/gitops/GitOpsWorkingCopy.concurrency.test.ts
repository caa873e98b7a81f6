import { ManifestEditor } from './ManifestEditor';
import { BareRepository, createBareRepository } from './testing/bareRepository';
import { diffLines } from './testing/fixtures';

const deployment = (name: string, replicas: number) => `# ${name}, one of many
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  template:
    spec:
      containers:
        - name: app
          image: "ghcr.io/acme/${name}:1.0.0"
`;

/**
 * Ten apps in their own paths, and ten Deployments sharing one multi-document file: twenty
 * backend replicas change one each, at the same time, each from its own cached clone.
 */
const APPS = Array.from({ length: 10 }, (_, i) => `app-${i}`);
const SHARED = Array.from({ length: 10 }, (_, i) => `svc-${i}`);
const seed: Record<string, string> = {
  ...Object.fromEntries(
    APPS.map((name, i) => [
      `apps/${name}/deployment.yaml`,
      deployment(name, i + 1),
    ]),
  ),
  'shared/services.yaml': SHARED.map((name, i) =>
    deployment(name, 11 + i),
  ).join('---\n'),
};

interface Job {
  id: string;
  path: string;
  workload: string;
  from: number;
  to: number;
  file: string;
}
const jobs: Job[] = [
  ...APPS.map((name, i) => ({
    id: `dep-${i}`,
    path: `apps/${name}`,
    workload: `Deployment/${name}`,
    from: i + 1,
    to: 101 + i,
    file: `apps/${name}/deployment.yaml`,
  })),
  ...SHARED.map((name, i) => ({
    id: `dep-${10 + i}`,
    path: 'shared',
    workload: `Deployment/${name}`,
    from: 11 + i,
    to: 111 + i,
    file: 'shared/services.yaml',
  })),
];

describe('GitOpsWorkingCopy under concurrent writers', () => {
  let repo: BareRepository;
  beforeAll(async () => {
    repo = await createBareRepository(seed);
  });
  afterAll(() => repo.cleanup());

  it('lands twenty concurrent changes exactly once, each commit holding only its own change', async () => {
    const editor = new ManifestEditor();
    const shas = await Promise.all(
      jobs.map(job =>
        repo
          .workingCopy(`replica-${job.id}`, { maxPushAttempts: 60 })
          .commitChange({
            branch: 'main',
            path: job.path,
            apply: files =>
              editor.apply({
                files,
                workload: job.workload,
                change: { replicas: job.to },
              }),
            message: `Scale ${job.workload} to ${job.to}`,
            trailers: { 'Juanie-Deployment-Id': job.id },
            author: { name: 'Ada', email: 'ada@example.com' },
          }),
      ),
    );

    expect(new Set(shas).size).toBe(20);
    const history = (await repo.run('log', '--format=%H', 'main'))
      .trim()
      .split('\n');
    expect(history).toHaveLength(21);
    expect(history).toEqual(expect.arrayContaining(shas));
    const ids = await repo.run(
      'log',
      '--format=%(trailers:key=Juanie-Deployment-Id,valueonly)',
      'main',
    );
    expect(ids.split('\n').filter(Boolean).sort()).toEqual(
      jobs.map(j => j.id).sort(),
    );

    for (const [index, job] of jobs.entries()) {
      const stat = await repo.run(
        'show',
        '--stat=200',
        '--format=',
        shas[index],
      );
      expect(stat).toBe(
        ` ${job.file} | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n`,
      );
      const diff = await repo.run('show', '--format=', shas[index]);
      expect(diffLines(diff)).toEqual([
        `-  replicas: ${job.from}`,
        `+  replicas: ${job.to}`,
      ]);
    }
    const final = Object.fromEntries(
      await Promise.all(
        Object.keys(seed).map(async file => [
          file,
          await repo.run('show', `main:${file}`),
        ]),
      ),
    );
    const expected = { ...seed };
    for (const job of jobs) {
      expected[job.file] = expected[job.file].replace(
        `replicas: ${job.from}\n`,
        `replicas: ${job.to}\n`,
      );
    }
    expect(final).toEqual(expected);
  }, 300_000);
});
