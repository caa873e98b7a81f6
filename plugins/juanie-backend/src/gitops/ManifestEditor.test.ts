import { InputError } from '@backstage/errors';
import { ManifestChange } from './ManifestChange';
import { ManifestEditor } from './ManifestEditor';
import { CHANGE_CASES } from './testing/changeCases';
import { changedLines, fixtureEnvironment } from './testing/fixtures';

const editor = new ManifestEditor();

async function edit(
  environment: string,
  change: ManifestChange,
  workload?: string,
) {
  const files = await fixtureEnvironment(environment);
  const result = editor.apply({ files, change, workload });
  const lines = Object.fromEntries(
    Object.entries(result.files).map(([file, text]) => [
      file,
      changedLines(files[file] ?? '', text),
    ]),
  );
  return { ...result, lines };
}

describe('ManifestEditor', () => {
  it.each(CHANGE_CASES)(
    '$name',
    async ({ environment, workload, change, lines }) => {
      const result = await edit(
        environment,
        change,
        workload ??
          (environment.endsWith('web') ? 'Deployment/web' : undefined),
      );
      expect(result.lines).toEqual(lines);
    },
  );

  it('reports each changed field with its old and new value', async () => {
    const { changes } = await edit('clusters/staging/web', {
      replicas: 4,
      image: { container: 'web', tag: '1.5.0' },
    });
    expect(changes).toEqual([
      {
        file: 'web.yaml',
        document: 'Deployment/web',
        path: 'spec.template.spec.containers[name=web].image',
        old: 'ghcr.io/acme/web:1.4.0',
        new: 'ghcr.io/acme/web:1.5.0',
      },
      {
        file: 'web.yaml',
        document: 'Deployment/web',
        path: 'spec.replicas',
        old: 2,
        new: 4,
      },
    ]);
  });

  it('names the embedded field of an inline patch', async () => {
    const { changes } = await edit('apps/api/overlays/dev', {
      env: { set: { LOG_LEVEL: 'trace' } },
    });
    expect(changes).toEqual([
      {
        file: 'kustomization.yaml',
        document: '#0',
        path: 'patches[0].patch',
        embeddedPath:
          'spec.template.spec.containers[name=api].env[name=LOG_LEVEL].value',
        old: 'debug',
        new: 'trace',
      },
    ]);
  });

  it('never edits the shared base of an overlay', async () => {
    const { files } = await edit('apps/api/overlays/prod', {
      replicas: 5,
      image: { tag: '9.9.9' },
    });
    expect(Object.keys(files).sort()).toEqual([
      'api-deployment-patch.yaml',
      'kustomization.yaml',
    ]);
  });

  it('returns no files for a change that changes nothing', async () => {
    const result = await edit('clusters/staging/web', { replicas: 2 });
    expect(result).toMatchObject({ files: {}, changes: [] });
  });

  it.each<{
    name: string;
    environment: string;
    workload?: string;
    change: ManifestChange;
    message: RegExp;
  }>([
    {
      name: 'an unknown workload',
      environment: 'clusters/staging/web',
      workload: 'Deployment/nope',
      change: { replicas: 1 },
      message: /No Deployment\/nope .* workloads there: Deployment\/web/,
    },
    {
      name: 'a malformed workload selector',
      environment: 'clusters/staging/web',
      workload: 'Pod/web',
      change: { replicas: 1 },
      message: /must be Kind\/name/,
    },
    {
      name: 'an ambiguous container',
      environment: 'clusters/staging/web',
      change: { env: { set: { A: 'b' } } },
      message: /2 containers \(web, metrics\)/,
    },
    {
      name: 'an unknown container',
      environment: 'clusters/staging/web',
      change: { image: { container: 'db', tag: '1' } },
      message: /no container "db"; its containers are: web, metrics/,
    },
    {
      name: 'a missing variable to remove',
      environment: 'clusters/staging/web',
      change: { env: { container: 'web', remove: ['NOPE'] } },
      message: /no environment variable NOPE/,
    },
    {
      name: 'an invalid change',
      environment: 'clusters/staging/web',
      change: { replicas: 5000 },
      message: /Invalid manifest change: replicas/,
    },
    {
      name: 'a patch of the identity',
      environment: 'clusters/staging/web',
      change: { patch: { metadata: { name: 'x' } } },
      message: /cannot change metadata.name/,
    },
    {
      name: 'a HelmRelease value section that is absent',
      environment: 'clusters/staging/worker',
      change: { env: { container: 'sidecar', set: { A: 'b' } } },
      message: /no values section "sidecar"/,
    },
  ])(
    'refuses $name with an InputError',
    async ({ environment, workload, change, message }) => {
      const promise = edit(environment, change, workload);
      await expect(promise).rejects.toThrow(InputError);
      await expect(promise).rejects.toThrow(message);
    },
  );
});
