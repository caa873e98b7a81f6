import { checkKustomizeBuild } from './kustomizeBuild';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  template:
    spec:
      containers:
        - name: shop
          image: shop:1.0.0
`;
const kustomization = (body: string) =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;

describe('checkKustomizeBuild', () => {
  it.each([
    [
      'a kustomization and its resources',
      {
        'kustomization.yaml': kustomization(
          'resources:\n  - deployment.yaml\n',
        ),
        'deployment.yaml': deployment,
      },
    ],
    [
      'a base outside the path',
      {
        'kustomization.yaml': kustomization('resources:\n  - ../base\n'),
        '../base/kustomization.yaml': kustomization(
          'resources:\n  - deployment.yaml\n',
        ),
        '../base/deployment.yaml': deployment,
      },
    ],
    ['manifests without a kustomization', { 'deployment.yaml': deployment }],
    [
      'an unreferenced broken file, which kustomize never reads',
      {
        'kustomization.yaml': kustomization(
          'resources:\n  - deployment.yaml\n',
        ),
        'deployment.yaml': deployment,
        'notes.yaml': 'a: [',
      },
    ],
  ])('builds %s', (_, files) => {
    expect(checkKustomizeBuild('apps/shop/staging', files)).toBeUndefined();
  });

  it.each([
    [
      'a missing resource',
      { 'kustomization.yaml': kustomization('resources:\n  - service.yaml\n') },
      "accumulating resources from 'service.yaml': open apps/shop/staging/service.yaml: no such file or directory",
    ],
    [
      'a directory without a kustomization',
      {
        'kustomization.yaml': kustomization('resources:\n  - extra\n'),
        'extra/a.yaml': deployment,
      },
      "unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory 'apps/shop/staging/extra'",
    ],
    [
      'a missing patch file',
      {
        'kustomization.yaml': kustomization(
          'resources:\n  - deployment.yaml\npatches:\n  - path: replicas.yaml\n',
        ),
        'deployment.yaml': deployment,
      },
      'open apps/shop/staging/replicas.yaml: no such file or directory',
    ],
    [
      'a YAML syntax error',
      {
        'kustomization.yaml': kustomization(
          'resources:\n  - deployment.yaml\n',
        ),
        'deployment.yaml': 'kind: [',
      },
      'kustomize build failed: apps/shop/staging/deployment.yaml:1:',
    ],
    [
      'a document without a kind',
      { 'deployment.yaml': 'apiVersion: v1\nmetadata:\n  name: shop\n' },
      'kustomize build failed: apps/shop/staging/deployment.yaml:1:1: kind: is required',
    ],
  ])('refuses %s as BuildFailed, naming the file', (_, files, message) => {
    expect(checkKustomizeBuild('apps/shop/staging', files)).toEqual({
      reason: 'BuildFailed',
      message: expect.stringContaining(message),
    });
  });

  it('reports a path with no files as ArtifactFailed', () => {
    expect(checkKustomizeBuild('apps/shop/missing', {})).toEqual({
      reason: 'ArtifactFailed',
      message:
        'kustomization path not found: stat apps/shop/missing: no such file or directory',
    });
  });
});
