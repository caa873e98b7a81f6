import { InputError } from '@backstage/errors';
import { ManifestChange } from './ManifestChange';
import { ManifestEditor } from './ManifestEditor';
import { runManifestTask } from './manifestTasks';
import { changedLines } from './testing/fixtures';

/** A Deployment `web` in one file, its container list written by the test. */
const deployment = (containers: string, spec = '  replicas: 2\n') =>
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
${spec}  template:
    spec:
      containers:
${containers}`;

function preview(text: string, change: ManifestChange) {
  const files = { 'web.yaml': text };
  const { edit, validation } = runManifestTask({
    kind: 'preview',
    request: { files, change, workload: 'Deployment/web' },
  });
  return {
    lines: changedLines(text, edit.files['web.yaml'] ?? text),
    changes: edit.changes,
    validation,
  };
}

const editor = new ManifestEditor();
function refusal(text: string, change: ManifestChange) {
  return () =>
    editor.apply({
      files: { 'web.yaml': text },
      change,
      workload: 'Deployment/web',
    });
}

describe('ManifestEditor on YAML anchors and aliases', () => {
  const sized = deployment(`        - name: web
          image: ghcr.io/acme/web:1.0.0
          resources: &sizing
            requests:
              cpu: 100m
        - name: worker
          image: ghcr.io/acme/worker:1.0.0
          resources: *sizing
        - name: cron
          image: ghcr.io/acme/cron:1.0.0
          resources: *sizing
`);

  it('refuses to change an anchored value that aliases share, naming the anchor', () => {
    const apply = refusal(sized, {
      resources: { container: 'web', requests: { cpu: '200m' } },
    });
    expect(apply).toThrow(InputError);
    expect(apply).toThrow(
      /^web.yaml: spec.template.spec.containers\[name=web\].resources is the YAML anchor &sizing, also used by 2 aliases \(\*sizing\); Juanie does not change shared anchors/,
    );
  });

  it('changes one use of an alias only, with a note in the change list', () => {
    const result = preview(sized, {
      resources: { container: 'worker', requests: { cpu: '300m' } },
    });
    expect(result.lines).toEqual([
      '-          resources: *sizing',
      '+          resources:',
      '+            requests:',
      '+              cpu: 300m',
    ]);
    expect(result.changes).toEqual([
      {
        file: 'web.yaml',
        document: 'Deployment/web',
        path: 'spec.template.spec.containers[name=worker].resources.requests.cpu',
        old: '100m',
        new: '300m',
        note: expect.stringMatching(
          /resources was the YAML alias \*sizing; it now holds its own copy/,
        ),
      },
    ]);
    expect(result.validation).toEqual({ valid: true, errors: [] });
  });
});

describe('ManifestEditor on YAML merge keys', () => {
  it('changes an image that comes from a merge key by writing it in the container', () => {
    const text = deployment(`        - &web
          name: web
          image: ghcr.io/acme/web:1.0.0
        - <<: *web
          name: canary
`);
    const result = preview(text, {
      image: { container: 'canary', tag: '1.1.0' },
    });
    expect(result.lines).toEqual(['+          image: ghcr.io/acme/web:1.1.0']);
    expect(result.changes).toEqual([
      expect.objectContaining({
        path: 'spec.template.spec.containers[name=canary].image',
        old: 'ghcr.io/acme/web:1.0.0',
        new: 'ghcr.io/acme/web:1.1.0',
      }),
    ]);
    expect(result.validation).toEqual({ valid: true, errors: [] });
  });

  it('refuses an alias bomb reached through a merge key with a 400 naming the file', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c {<<: {k: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]}}',
      'd:',
      '  <<: *c',
      '',
    ].join('\n');
    const apply = () =>
      editor.apply({
        files: {
          'web.yaml': deployment('        - name: web\n          image: web\n'),
          'bomb.yaml': bomb,
        },
        change: { replicas: 3 },
        workload: 'Deployment/web',
      });
    expect(apply).toThrow(InputError);
    expect(apply).toThrow(/bomb.yaml: aliases expand to more than 100 nodes/);
  });
});

describe('ManifestEditor on Flux post-build substitution', () => {
  it('changes a file that has a placeholder where a number is expected', () => {
    const text = deployment(
      `        - name: web
          image: ghcr.io/acme/web:1.0.0
`,
      '  replicas: ${REPLICAS:=1}\n',
    );
    const result = preview(text, { image: { tag: '1.1.0' } });
    expect(result.lines).toEqual([
      '-          image: ghcr.io/acme/web:1.0.0',
      '+          image: ghcr.io/acme/web:1.1.0',
    ]);
    expect(result.validation).toEqual({ valid: true, errors: [] });
  });

  it.each<{
    name: string;
    text: string;
    change: ManifestChange;
    message: RegExp;
  }>([
    {
      name: 'an image tag that is a variable',
      text: deployment(`        - name: web
          image: ghcr.io/acme/web:\${APP_TAG}
`),
      change: { image: { tag: '1.1.0' } },
      message:
        /^web.yaml: spec.template.spec.containers\[name=web\].image holds \$\{APP_TAG\}: the value comes from Flux post-build substitution of APP_TAG. Change APP_TAG where it is set \(the Flux Kustomization's postBuild.substitute/,
    },
    {
      name: 'replicas that are a variable with a default',
      text: deployment(
        `        - name: web
          image: ghcr.io/acme/web:1.0.0
`,
        '  replicas: ${REPLICAS:=1}\n',
      ),
      change: { replicas: 3 },
      message: /spec.replicas holds \$\{REPLICAS:=1\}: .* of REPLICAS/,
    },
    {
      name: 'an env value that holds a variable',
      text: deployment(`        - name: web
          image: ghcr.io/acme/web:1.0.0
          env:
            - name: URL
              value: https://\${CLUSTER_DOMAIN}/api
`),
      change: { env: { set: { URL: 'https://example.com/api' } } },
      message: /env\[name=URL\].value holds \$\{CLUSTER_DOMAIN\}/,
    },
  ])('refuses to overwrite $name', ({ text, change, message }) => {
    const apply = refusal(text, change);
    expect(apply).toThrow(InputError);
    expect(apply).toThrow(message);
  });

  it('keeps a placeholder the change does not touch', () => {
    const text = deployment(`        - name: web
          image: ghcr.io/acme/web:\${APP_TAG}
`);
    const result = preview(text, {
      image: { name: 'ghcr.io/acme/api' },
    });
    expect(result.lines).toEqual([
      '-          image: ghcr.io/acme/web:${APP_TAG}',
      '+          image: ghcr.io/acme/api:${APP_TAG}',
    ]);
  });
});
