import { InputError } from '@backstage/errors';
import { ManifestChange } from './ManifestChange';
import { runManifestTask } from './manifestTasks';
import { changedLines } from './testing/fixtures';
import { helmOverlay, VALUES_PATCH } from './testing/podinfoOverlay';

/**
 * Issue #13's reproductions on the layouts of real Flux repositories: Kustomize overlays that
 * patch a HelmRelease (as in fluxcd/flux2-kustomize-helm-example) or a Deployment (tenant
 * overlays), HelmRelease values a chart may not read, autoscalers and remote bases.
 */

const DEPLOYMENT_BASE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0.0
          env:
            - name: LOG_LEVEL
              value: info
`;

const deploymentOverlay = (
  patch: string,
  extra: Record<string, string> = {},
) => ({
  'kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
${'hpa.yaml' in extra ? '  - hpa.yaml\n' : ''}patches:
  - path: web-patch.yaml
`,
  'web-patch.yaml': patch,
  '../../base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  '../../base/deployment.yaml': DEPLOYMENT_BASE,
  ...extra,
});

function preview(
  files: Record<string, string>,
  change: ManifestChange,
  workload?: string,
) {
  const result = runManifestTask({
    kind: 'preview',
    request: { files, change, workload },
  });
  const lines = Object.fromEntries(
    Object.entries(result.edit.files).map(([file, text]) => [
      file,
      changedLines(files[file] ?? '', text),
    ]),
  );
  return { ...result, lines };
}

describe('editing overlays as Kustomize builds them', () => {
  it('validates a HelmRelease values patch as a patch of the built release (1)', () => {
    const { validation, lines } = preview(helmOverlay(VALUES_PATCH), {
      replicas: 3,
    });
    expect(validation).toEqual({ valid: true, errors: [] });
    expect(lines).toEqual({
      'podinfo-values.yaml': [
        '-    replicaCount: 2   # two for staging',
        '+    replicaCount: 3   # two for staging',
      ],
    });
  });

  it('still refuses a patch that leaves the built release invalid', () => {
    const { validation } = preview(helmOverlay(VALUES_PATCH), {
      patch: { spec: { chart: null } },
    });
    expect(validation.valid).toBe(false);
    expect(validation.errors).toEqual([
      expect.objectContaining({
        file: '../base/podinfo/release.yaml',
        message: expect.stringMatching(
          /^HelmRelease\/podinfo as the overlay builds it: spec: needs chart or chartRef/,
        ),
      }),
    ]);
  });

  it('keeps the values an overlay sets and its base lacks when merging a patch (2)', () => {
    const { lines, validation } = preview(helmOverlay(VALUES_PATCH), {
      patch: { spec: { values: { ui: { message: 'hi' } } } },
    });
    expect(validation.valid).toBe(true);
    expect(lines).toEqual({
      'podinfo-values.yaml': ['+    ui:', '+      message: hi'],
    });
  });

  it('keeps a Deployment patch entry and its comment when adding a sibling (2)', () => {
    const patch = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      nodeSelector:
        kubernetes.io/arch: amd64  # x86 only
`;
    const { lines } = preview(deploymentOverlay(patch), {
      patch: {
        spec: { template: { spec: { nodeSelector: { zone: 'eu-1' } } } },
      },
    });
    expect(lines).toEqual({ 'web-patch.yaml': ['+        zone: eu-1'] });
  });

  it('changes env and resources a values patch holds though the base lacks them (7)', () => {
    const withEnv = VALUES_PATCH.replace(
      '    replicaCount: 2   # two for staging\n',
      '    replicaCount: 2   # two for staging\n    env:\n      - name: MODE\n        value: slow\n    resources:\n      requests:\n        cpu: 100m\n',
    );
    const { lines } = preview(helmOverlay(withEnv), {
      env: { set: { MODE: 'fast' } },
      resources: { requests: { cpu: '200m' } },
    });
    expect(lines).toEqual({
      'podinfo-values.yaml': [
        '-        value: slow',
        '+        value: fast',
        '-        cpu: 100m',
        '+        cpu: 200m',
      ],
    });
  });
});

describe('HelmRelease values a chart may not read (7)', () => {
  const daemonSetChart = VALUES_PATCH.replace(
    '    replicaCount: 2   # two for staging\n',
    '',
  );

  it('refuses replicas when the release sets no replicas value, naming valuesPaths', () => {
    expect(() => preview(helmOverlay(daemonSetChart), { replicas: 3 })).toThrow(
      InputError,
    );
    expect(() => preview(helmOverlay(daemonSetChart), { replicas: 3 })).toThrow(
      /cannot tell which value its chart reads.*valuesPaths.replicas/,
    );
  });

  it('writes replicas to the values path the change names, and says so', () => {
    const { lines, edit } = preview(helmOverlay(daemonSetChart), {
      replicas: 3,
      valuesPaths: { replicas: 'controller.replicaCount' },
    });
    expect(lines).toEqual({
      'podinfo-values.yaml': ['+    controller:', '+      replicaCount: 3'],
    });
    expect(edit.notes).toEqual([
      'replicas: wrote spec.values.controller.replicaCount, the values path the change names',
    ]);
  });

  it('says which values key it wrote when the release sets one', () => {
    const { edit } = preview(helmOverlay(VALUES_PATCH), { replicas: 4 });
    expect(edit.notes).toEqual([
      'replicas: wrote spec.values.replicaCount, the values key the release already sets',
    ]);
  });

  const digest = `sha256:${'a'.repeat(64)}`;
  const withImage = (image: string) =>
    VALUES_PATCH.replace('  values:\n', `  values:\n${image}`);

  it('refuses a digest where the image values have no digest', () => {
    const files = helmOverlay(
      withImage(
        '    image:\n      repository: ghcr.io/x/podinfo\n      tag: 6.0.0\n',
      ),
    );
    expect(() => preview(files, { image: { digest } })).toThrow(
      /has no digest, so Juanie cannot tell whether its chart reads one/,
    );
  });

  it('writes a digest where the image values have one', () => {
    const files = helmOverlay(
      withImage(
        '    image:\n      repository: ghcr.io/x/podinfo\n      tag: 6.0.0\n      digest: ""\n',
      ),
    );
    const { lines } = preview(files, { image: { digest } });
    expect(lines['podinfo-values.yaml']).toEqual([
      '-      digest: ""',
      `+      digest: "${digest}"`,
    ]);
  });

  it('warns that an enabled chart autoscaler overrides replicas', () => {
    const files = helmOverlay(
      VALUES_PATCH.replace(
        '  values:\n',
        '  values:\n    autoscaling:\n      enabled: true\n',
      ),
    );
    expect(preview(files, { replicas: 5 }).edit.notes).toContainEqual(
      expect.stringMatching(/autoscaling.enabled: its chart's autoscaler/),
    );
  });
});

describe('messages (9)', () => {
  const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 10
`;
  const replicasPatch = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
`;

  it('warns when an HPA scales the Deployment whose replicas change', () => {
    const { edit, lines } = preview(
      deploymentOverlay(replicasPatch, { 'hpa.yaml': HPA }),
      { replicas: 3 },
    );
    expect(lines).toEqual({
      'web-patch.yaml': ['-  replicas: 2', '+  replicas: 3'],
    });
    expect(edit.notes).toEqual([
      'Deployment/web is scaled by HorizontalPodAutoscaler/web (2 to 10 replicas) in hpa.yaml: the autoscaler sets spec.replicas, so this change lasts only until it next scales',
    ]);
  });

  it('does not warn without an autoscaler', () => {
    expect(
      preview(deploymentOverlay(replicasPatch), { replicas: 3 }).edit.notes,
    ).toEqual([]);
  });

  it('removes the env field with its last variable instead of leaving env: []', () => {
    const files = { 'deployment.yaml': DEPLOYMENT_BASE };
    const { lines, validation } = preview(files, {
      env: { remove: ['LOG_LEVEL'] },
    });
    expect(validation.valid).toBe(true);
    expect(lines).toEqual({
      'deployment.yaml': [
        '-          env:',
        '-            - name: LOG_LEVEL',
        '-              value: info',
      ],
    });
  });

  const remote = {
    'kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: apps
resources:
  - https://github.com/stefanprodan/podinfo//kustomize?ref=6.5.0
`,
  };

  it('changes the image of a workload from a remote base through the images: entry', () => {
    const { lines } = preview(
      remote,
      { image: { name: 'ghcr.io/stefanprodan/podinfo', tag: '6.5.1' } },
      'Deployment/podinfo',
    );
    expect(lines).toEqual({
      'kustomization.yaml': [
        '+images:',
        '+  - name: ghcr.io/stefanprodan/podinfo',
        '+    newTag: 6.5.1',
      ],
    });
  });

  it('explains what it can do for a workload of a remote base', () => {
    expect(() =>
      preview(remote, { replicas: 2 }, 'Deployment/podinfo'),
    ).toThrow(
      /may come from the remote base https:\/\/github.com\/stefanprodan\/podinfo\/\/kustomize\?ref=6.5.0.*images: entry.*but not its replicas/,
    );
    expect(() => preview(remote, { replicas: 2 })).toThrow(
      /builds from remote bases .*name the workload as Kind\/name/,
    );
    expect(() =>
      preview(remote, { image: { tag: '1' } }, 'Deployment/podinfo'),
    ).toThrow(/name its image \(image.name/);
  });
});
