import { InputError } from '@backstage/errors';
import { createTwoFilesPatch } from 'diff';
import { FieldPath, parseFieldPath } from '@juanie/plugin-juanie-node';
import { YamlFileEditor } from './YamlFileEditor';

const source = `# Web front end. Owned by team-web.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web   # keep in sync with the Service
  labels: {app: web, tier: "front"}
spec:
  replicas: 2

  template:
    spec:
      containers:
      - name: web
        image: "ghcr.io/acme/web:1.0.0"
        env:
          - name: LOG_LEVEL
            value: 'debug'   # noisy on purpose
          - {name: PORT, value: "8080"}
        args: [--port, "8080"]
        resources:
          limits:
            cpu: 500m
      - name: sidecar
        image: busybox
---
# the service
apiVersion: v1
kind: Service
metadata:
  name: web
`;

/** Only the +/- lines of a diff, without headers. */
function changedLines(before: string, after: string): string[] {
  return createTwoFilesPatch('a', 'b', before, after)
    .split('\n')
    .filter(line => /^[+-]/.test(line) && !/^(\+\+\+|---) /.test(line));
}

type Edit = { set: string; value: unknown } | { delete: string };

const cases: Array<{ name: string; edits: Edit[]; lines: string[] }> = [
  {
    name: 'replaces a plain number and keeps the blank line after it',
    edits: [{ set: 'spec.replicas', value: 5 }],
    lines: ['-  replicas: 2', '+  replicas: 5'],
  },
  {
    name: 'keeps double quotes on a quoted image',
    edits: [
      {
        set: 'spec.template.spec.containers[name=web].image',
        value: 'ghcr.io/acme/web:1.1.0',
      },
    ],
    lines: [
      '-        image: "ghcr.io/acme/web:1.0.0"',
      '+        image: "ghcr.io/acme/web:1.1.0"',
    ],
  },
  {
    name: 'keeps single quotes and the trailing comment',
    edits: [
      {
        set: 'spec.template.spec.containers[name=web].env[name=LOG_LEVEL].value',
        value: 'info',
      },
    ],
    lines: [
      "-            value: 'debug'   # noisy on purpose",
      "+            value: 'info'   # noisy on purpose",
    ],
  },
  {
    name: 'edits inside a flow map',
    edits: [
      {
        set: 'spec.template.spec.containers[name=web].env[name=PORT].value',
        value: '9090',
      },
    ],
    lines: [
      '-          - {name: PORT, value: "8080"}',
      '+          - {name: PORT, value: "9090"}',
    ],
  },
  {
    name: 'appends a list item shaped like its siblings',
    edits: [
      {
        set: 'spec.template.spec.containers[name=web].env[name=FEATURE_X].value',
        value: 'true',
      },
    ],
    lines: ['+          - {name: FEATURE_X, value: "true"}'],
  },
  {
    name: 'adds a key to a nested block map',
    edits: [
      {
        set: 'spec.template.spec.containers[name=web].resources.limits.memory',
        value: '256Mi',
      },
    ],
    lines: ['+            memory: 256Mi'],
  },
  {
    name: 'creates a missing map with the file indentation',
    edits: [
      {
        set: 'spec.template.spec.containers[name=sidecar].resources.requests.cpu',
        value: '100m',
      },
    ],
    lines: [
      '+        resources:',
      '+          requests:',
      '+            cpu: 100m',
    ],
  },
  {
    name: 'creates a list under a key that has none, shaped like the same list in a sibling',
    edits: [
      {
        set: 'spec.template.spec.containers[name=sidecar].env[name=A].value',
        value: 'b',
      },
    ],
    lines: ['+        env:', '+        - {name: A, value: "b"}'],
  },
  {
    name: 'removes a list item',
    edits: [
      { delete: 'spec.template.spec.containers[name=web].env[name=LOG_LEVEL]' },
    ],
    lines: [
      '-          - name: LOG_LEVEL',
      "-            value: 'debug'   # noisy on purpose",
    ],
  },
  {
    name: 'adds to a flow map on its line',
    edits: [{ set: 'metadata.labels.team', value: 'web' }],
    lines: [
      '-  labels: {app: web, tier: "front"}',
      '+  labels: {app: web, tier: "front", team: web}',
    ],
  },
  {
    name: 'quotes a string that would otherwise read as a number',
    edits: [
      {
        set: 'spec.template.spec.containers[name=sidecar].image',
        value: '1234',
      },
    ],
    lines: ['-        image: busybox', '+        image: "1234"'],
  },
  {
    name: 'edits the second document only',
    edits: [{ set: 'metadata.name', value: 'web-svc' }],
    lines: ['-  name: web', '+  name: web-svc'],
  },
];

describe('YamlFileEditor', () => {
  it.each(cases)('$name', ({ name, edits, lines }) => {
    const editor = new YamlFileEditor('deployment.yaml', source);
    const document = name.includes('second document') ? 1 : 0;
    for (const edit of edits) {
      if ('set' in edit)
        editor.set(document, parseFieldPath(edit.set), edit.value);
      else editor.delete(document, parseFieldPath(edit.delete));
    }
    expect(changedLines(source, editor.toString())).toEqual(lines);
  });

  it.each<{ name: string; text: string; edit: Edit; result: string }>([
    {
      name: 'adds after the last line of a file without a final newline',
      text: 'a:\n  b: 1',
      edit: { set: 'a.c', value: 2 },
      result: 'a:\n  b: 1\n  c: 2\n',
    },
    {
      name: 'fills an empty value',
      text: 'resources:\nname: x\n',
      edit: { set: 'resources.limits.cpu', value: '1' },
      result: 'resources:\n  limits:\n    cpu: "1"\nname: x\n',
    },
    {
      name: 'turns an empty flow map into a block',
      text: 'resources: {} # none yet\nname: x\n',
      edit: { set: 'resources.limits.cpu', value: '500m' },
      result: 'resources:\n  limits:\n    cpu: 500m\nname: x\n',
    },
    {
      name: 'replaces a literal block with one line',
      text: 'script: |\n  echo one\n  echo two\nafter: 1\n',
      edit: { set: 'script', value: 'echo three' },
      result: 'script: echo three\nafter: 1\n',
    },
    {
      name: 'leaves an empty list when the last item goes',
      text: 'env:\n  - name: A\n    value: b\nafter: 1\n',
      edit: { delete: 'env[name=A]' },
      result: 'env: []\nafter: 1\n',
    },
    {
      name: 'keeps document end markers and separators',
      text: 'a: 1\n...\n---\nb: 2\n',
      edit: { set: 'b', value: 3 },
      result: 'a: 1\n...\n---\nb: 3\n',
    },
  ])('$name', ({ text, edit, result }) => {
    const editor = new YamlFileEditor('f.yaml', text);
    const document = text.includes('b: 2') ? 1 : 0;
    if ('set' in edit)
      editor.set(document, parseFieldPath(edit.set), edit.value);
    else editor.delete(document, parseFieldPath(edit.delete));
    expect(editor.toString()).toBe(result);
  });

  it('removes the first key of a list item by moving the next key up', () => {
    const text = 'env:\n  - name: A\n    value: b\n';
    const editor = new YamlFileEditor('f.yaml', text);
    editor.delete(0, ['env', 0, 'name'] as FieldPath);
    expect(editor.toString()).toBe('env:\n  - value: b\n');
  });

  it('keeps CRLF line endings on added lines', () => {
    const text = 'a:\r\n  b: 1\r\n';
    const editor = new YamlFileEditor('f.yaml', text);
    editor.set(0, ['a', 'c'], 2);
    expect(editor.toString()).toBe('a:\r\n  b: 1\r\n  c: 2\r\n');
  });

  it('refuses a file with a syntax error', () => {
    expect(() => new YamlFileEditor('f.yaml', 'a: [1, 2\nb: 3\n')).toThrow(
      /f.yaml is not valid YAML/,
    );
  });
});

describe('YamlFileEditor with anchors, aliases and merge keys', () => {
  const sized = `kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: web
          resources: &sizing
            requests:
              cpu: 100m
              memory: 128Mi
        - name: worker
          resources: *sizing
        - name: cron
          resources: *sizing
`;

  it('refuses to edit inside an anchor that aliases use, naming the anchor', () => {
    const editor = new YamlFileEditor('web.yaml', sized);
    const edit = () =>
      editor.set(
        0,
        parseFieldPath(
          'spec.template.spec.containers[name=web].resources.requests.cpu',
        ),
        '200m',
      );
    expect(edit).toThrow(InputError);
    expect(edit).toThrow(
      'web.yaml: spec.template.spec.containers[name=web].resources is the YAML anchor &sizing, also used by 2 aliases (*sizing)',
    );
    expect(editor.changed).toBe(false);
  });

  it('refuses to remove an anchored value that aliases use', () => {
    const editor = new YamlFileEditor('web.yaml', sized);
    expect(() =>
      editor.delete(
        0,
        parseFieldPath('spec.template.spec.containers[name=web].resources'),
      ),
    ).toThrow(/is the YAML anchor &sizing, also used by 2 aliases/);
  });

  it('edits an anchored value that no alias uses', () => {
    const text = 'a: &unused\n  b: 1\nc: 2\n';
    const editor = new YamlFileEditor('f.yaml', text);
    editor.set(0, ['a', 'b'], 3);
    expect(editor.toString()).toBe('a: &unused\n  b: 3\nc: 2\n');
  });

  it('edits through an alias by giving that place its own copy, leaving the other uses alone', () => {
    const editor = new YamlFileEditor('web.yaml', sized);
    const note = editor.set(
      0,
      parseFieldPath(
        'spec.template.spec.containers[name=worker].resources.requests.cpu',
      ),
      '250m',
    );
    expect(note).toBe(
      'spec.template.spec.containers[name=worker].resources was the YAML alias *sizing; it now holds its own copy of the value, so the anchor &sizing and its other uses are unchanged',
    );
    expect(changedLines(sized, editor.toString())).toEqual([
      '-          resources: *sizing',
      '+          resources:',
      '+            requests:',
      '+              cpu: 250m',
      '+              memory: 128Mi',
    ]);
    const [web, worker, cron] = (editor.documentValue(0) as any).spec.template
      .spec.containers;
    expect(web.resources.requests.cpu).toBe('100m');
    expect(worker.resources.requests.cpu).toBe('250m');
    expect(cron.resources.requests.cpu).toBe('100m');
  });

  it('removes a field through an alias from that place only', () => {
    const editor = new YamlFileEditor('web.yaml', sized);
    editor.delete(
      0,
      parseFieldPath(
        'spec.template.spec.containers[name=cron].resources.requests.memory',
      ),
    );
    expect(changedLines(sized, editor.toString())).toEqual([
      '-          resources: *sizing',
      '+          resources:',
      '+            requests:',
      '+              cpu: 100m',
    ]);
  });

  it('replaces an alias that is the edited value itself', () => {
    const text = 'a: &x 1\nb: *x\n';
    const editor = new YamlFileEditor('f.yaml', text);
    editor.set(0, ['b'], 2);
    expect(editor.toString()).toBe('a: &x 1\nb: 2\n');
  });

  const merged = `x-defaults: &defaults
  image: ghcr.io/acme/web:1.0.0
  resources:
    requests:
      cpu: 100m
    limits:
      cpu: 500m
containers:
  - name: web
    <<: *defaults
  - name: worker
    <<: *defaults
    args: [work]
`;

  it('reads fields that come from a merge key', () => {
    const editor = new YamlFileEditor('f.yaml', merged);
    expect(editor.get(0, parseFieldPath('containers[name=web].image'))).toBe(
      'ghcr.io/acme/web:1.0.0',
    );
  });

  it('writes a merged field in the map that uses the merge key, not in the shared defaults', () => {
    const editor = new YamlFileEditor('f.yaml', merged);
    const note = editor.set(
      0,
      parseFieldPath('containers[name=web].image'),
      'ghcr.io/acme/web:1.1.0',
    );
    expect(note).toMatch(
      /^containers\[name=web\].image came from a YAML merge key \(<<\)/,
    );
    expect(changedLines(merged, editor.toString())).toEqual([
      '+    image: ghcr.io/acme/web:1.1.0',
    ]);
    expect(editor.get(0, parseFieldPath('containers[name=worker].image'))).toBe(
      'ghcr.io/acme/web:1.0.0',
    );
  });

  it('writes a whole merged map with the change made, keeping its other merged fields', () => {
    const editor = new YamlFileEditor('f.yaml', merged);
    editor.set(
      0,
      parseFieldPath('containers[name=worker].resources.requests.cpu'),
      '200m',
    );
    expect(changedLines(merged, editor.toString())).toEqual([
      '+    resources:',
      '+      requests:',
      '+        cpu: 200m',
      '+      limits:',
      '+        cpu: 500m',
    ]);
  });

  it('refuses to remove a field that comes from a merge key', () => {
    const editor = new YamlFileEditor('f.yaml', merged);
    expect(() =>
      editor.delete(0, parseFieldPath('containers[name=web].image')),
    ).toThrow(/containers\[name=web\].image comes from a YAML merge key/);
  });

  it('still refuses an alias bomb with merge keys read', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d {<<: {k: *c}, e: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]}',
      'f:',
      '  <<: *d',
      '',
    ].join('\n');
    expect(() => new YamlFileEditor('bomb.yaml', bomb)).toThrow(
      /bomb.yaml: aliases expand to more than 100 nodes/,
    );
  });
});
