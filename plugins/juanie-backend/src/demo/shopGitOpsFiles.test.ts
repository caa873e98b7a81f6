import { ManifestChange, ManifestEditor, ManifestValidator } from '../gitops';
import { readEnvironmentFiles } from '@juanie/plugin-juanie-node';
import { changedLines } from '../gitops/testing/fixtures';
import { SHOP_ENVIRONMENTS, SHOP_GITOPS_FILES, shopOverlayPath } from '@juanie/plugin-juanie-backend-module-dev';

/** An overlay and its base, keyed relative to the overlay, as a deployment reads them. */
const overlayFiles = (env: string) =>
  readEnvironmentFiles(shopOverlayPath(env), async under =>
    Object.fromEntries(Object.entries(SHOP_GITOPS_FILES).filter(([file]) => file.startsWith(`${under}/`))),
  );

async function edit(env: string, change: ManifestChange) {
  const files = await overlayFiles(env);
  const result = new ManifestEditor().apply({ files, change });
  return Object.fromEntries(
    Object.entries(result.files).map(([file, text]) => [file, changedLines(files[file] ?? '', text)]),
  );
}

describe('the demo GitOps layout', () => {
  it.each(SHOP_ENVIRONMENTS)('builds %s from the base with valid manifests', async env => {
    const files = await overlayFiles(env);

    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['kustomization.yaml', '../../base/deployment.yaml', '../../base/service.yaml']),
    );
    expect(new ManifestValidator().validate(files)).toEqual({ valid: true, errors: [] });
  });

  it.each([
    {
      name: 'a new image tag in the images entry of dev',
      env: 'dev',
      change: { image: { tag: '1.5.0' } },
      lines: { 'kustomization.yaml': ['-    newTag: "1.5.0-rc.1"', '+    newTag: "1.5.0"'] },
    },
    {
      name: 'a new image tag in the images entry of staging',
      env: 'staging',
      change: { image: { tag: '1.5.0' } },
      lines: { 'kustomization.yaml': ['-    newTag: "1.4.2"', '+    newTag: "1.5.0"'] },
    },
    {
      name: 'a tag in place of the digest of prod',
      env: 'prod',
      change: { image: { tag: '1.5.0' } },
      lines: {
        'kustomization.yaml': [
          '-    digest: sha256:e0a3bb76ce49900783e2be339731643cca4198b95decf3a76163d9a5f0dcc3da',
          '+    newTag: 1.5.0',
        ],
      },
    },
    {
      name: 'replicas in the inline patch of dev',
      env: 'dev',
      change: { replicas: 2 },
      lines: { 'kustomization.yaml': ['-        replicas: 1', '+        replicas: 2'] },
    },
    {
      name: 'replicas in the patch file of prod',
      env: 'prod',
      change: { replicas: 6 },
      lines: { 'web-deployment-patch.yaml': ['-  replicas: 4', '+  replicas: 6'] },
    },
    {
      name: 'replicas in a new patch file of staging, which follows the base so far',
      env: 'staging',
      change: { replicas: 3 },
      lines: {
        'kustomization.yaml': ['+patches:', '+  - path: web-deployment-patch.yaml'],
        'web-deployment-patch.yaml': expect.arrayContaining(['+  replicas: 3']),
      },
    },
  ] as const)('writes $name, never the base', async ({ env, change, lines }) => {
    expect(await edit(env, change)).toEqual(lines);
  });
});
