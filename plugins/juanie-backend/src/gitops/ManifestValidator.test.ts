import { ManifestValidator } from '@juanie/plugin-juanie-node';
import { readFixtureTree } from './testing/fixtures';

const deployment = (extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0.0
${extra}`;

const aliasBomb = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
].join('\n');

describe('ManifestValidator', () => {
  const validator = new ManifestValidator();

  it('accepts the fixture repository', async () => {
    expect(validator.validate(await readFixtureTree())).toEqual({
      valid: true,
      errors: [],
    });
  });

  it.each<{
    name: string;
    text: string;
    errors: Array<{ line: number; column: number; message: RegExp }>;
  }>([
    {
      name: 'syntax error with line and column',
      text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: [1, 2\n',
      errors: [{ line: 6, column: 1, message: /flow sequence/i }],
    },
    {
      name: 'missing kind',
      text: 'apiVersion: v1\nmetadata:\n  name: x\n',
      errors: [{ line: 1, column: 1, message: /^kind: is required/ }],
    },
    {
      name: 'name that is not a DNS name',
      text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: My_Config\n',
      errors: [
        { line: 4, column: 9, message: /^metadata.name: must be lower-case/ },
      ],
    },
    {
      name: 'replicas of the wrong type',
      text: deployment().replace('replicas: 2', 'replicas: "2"'),
      errors: [
        {
          line: 6,
          column: 13,
          message: /^spec.replicas: Invalid input: expected number/,
        },
      ],
    },
    {
      name: 'unquoted number as env value',
      text: deployment(
        '          env:\n            - name: PORT\n              value: 8080\n',
      ),
      errors: [
        { line: 14, column: 22, message: /env\[0\].value: must be a string/ },
      ],
    },
    {
      name: 'duplicate key',
      text: 'apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata:\n  name: x\n',
      errors: [{ line: 3, column: 1, message: /unique/ }],
    },
    {
      name: 'alias bomb',
      text: aliasBomb,
      errors: [{ line: 2, column: 8, message: /Aliases expand too much/ }],
    },
    {
      name: 'more documents than allowed',
      text: Array.from(
        { length: 201 },
        (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`,
      ).join('---\n'),
      errors: [
        { line: 1, column: 1, message: /201 documents; the limit is 200/ },
      ],
    },
    {
      name: 'oversized file',
      text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: "${'x'.repeat(
        1024 * 1024,
      )}"\n`,
      errors: [{ line: 1, column: 1, message: /bytes; the limit is 1048576/ }],
    },
    {
      name: 'kustomization image tag that is a number',
      text: 'images:\n  - name: ghcr.io/acme/api\n    newTag: 2.1\n',
      errors: [
        {
          line: 3,
          column: 13,
          message: /images\[0\].newTag: must be a string/,
        },
      ],
    },
  ])('refuses $name', ({ name, text, errors }) => {
    const file = name.startsWith('kustomization')
      ? 'kustomization.yaml'
      : 'manifest.yaml';
    const result = validator.validate({ [file]: text });
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual(
      errors.map(e => ({
        file,
        line: e.line,
        column: e.column,
        message: expect.stringMatching(e.message),
      })),
    );
  });

  it('refuses more aliases than the limit even when each expands little', () => {
    const text = `a: &a 1\nb: [${Array.from({ length: 101 }, () => '*a').join(
      ', ',
    )}]\n`;
    expect(validator.validate({ 'f.yaml': text }).errors[0].message).toMatch(
      /Too many aliases/,
    );
  });

  it.each(['${REPLICAS}', '${REPLICAS:=1}', '${REPLICAS:-1}', '${REPLICAS=1}'])(
    'accepts the Flux post-build substitution placeholder %s where a number is expected',
    placeholder => {
      const text = deployment(
        [
          '          resources:',
          '            limits:',
          '              cpu: ${CPU_LIMIT:=500m}',
          '',
        ].join('\n'),
      ).replace('replicas: 2', `replicas: ${placeholder}`);
      expect(validator.validate({ 'web.yaml': text })).toEqual({
        valid: true,
        errors: [],
      });
    },
  );

  it('accepts a placeholder in a name that must be a DNS name', () => {
    const text = deployment().replace('name: web', 'name: ${APP_NAME}');
    expect(validator.validate({ 'web.yaml': text }).valid).toBe(true);
  });

  it('still refuses a value that is not a placeholder ($${VAR} is an escaped literal)', () => {
    const text = deployment().replace(
      'replicas: 2',
      () => 'replicas: $${REPLICAS}',
    );
    expect(validator.validate({ 'web.yaml': text }).errors).toEqual([
      expect.objectContaining({
        line: 6,
        message: expect.stringMatching(/^spec.replicas: Invalid input/),
      }),
    ]);
  });

  it('checks the fields a merge key brings in', () => {
    const text = deployment(
      [
        '          env: &env',
        '            - name: PORT',
        '              value: 8080',
        '        - name: worker',
        '          <<: {env: *env}',
        '',
      ].join('\n'),
    );
    expect(
      validator.validate({ 'web.yaml': text }).errors.map(e => e.message),
    ).toEqual([
      expect.stringMatching(/containers\[0\].env\[0\].value: must be a string/),
      expect.stringMatching(/containers\[1\].env\[0\].value: must be a string/),
    ]);
  });

  it('ignores files that are not YAML', () => {
    expect(validator.validate({ 'README.md': '# not: [yaml' }).valid).toBe(
      true,
    );
  });
});
