import {
  FieldPath,
  formatFieldPath,
  getAtPath,
  parseFieldPath,
  setAtPath,
} from './FieldPath';

describe('FieldPath', () => {
  it.each<[string, FieldPath]>([
    ['spec.replicas', ['spec', 'replicas']],
    [
      'spec.template.spec.containers[name=web].env[name=LOG_LEVEL].value',
      [
        'spec',
        'template',
        'spec',
        'containers',
        { key: 'name', value: 'web' },
        'env',
        { key: 'name', value: 'LOG_LEVEL' },
        'value',
      ],
    ],
    [
      'images[name=ghcr.io/acme/api:5000].newTag',
      ['images', { key: 'name', value: 'ghcr.io/acme/api:5000' }, 'newTag'],
    ],
    [
      'metadata.annotations["reconcile.fluxcd.io/requestedAt"]',
      ['metadata', 'annotations', 'reconcile.fluxcd.io/requestedAt'],
    ],
    ['patches[2].patch', ['patches', 2, 'patch']],
    ['items[name="a]b"]', ['items', { key: 'name', value: 'a]b' }]],
    ['env[name=A].$patch', ['env', { key: 'name', value: 'A' }, '$patch']],
  ])('formats and parses %s', (text, path) => {
    expect(formatFieldPath(path)).toBe(text);
    expect(parseFieldPath(formatFieldPath(path))).toEqual(path);
  });

  it('refuses malformed paths', () => {
    expect(() => parseFieldPath('spec..replicas')).toThrow(
      /Invalid field path/,
    );
  });

  it('reads and writes list items by merge key', () => {
    const value = { env: [{ name: 'A', value: '1' }] };
    setAtPath(value, ['env', { key: 'name', value: 'B' }, 'value'], '2');
    expect(value).toEqual({
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
    });
    expect(
      getAtPath(value, ['env', { key: 'name', value: 'B' }, 'value']),
    ).toBe('2');
    expect(
      getAtPath(value, ['env', { key: 'name', value: 'C' }]),
    ).toBeUndefined();
  });
});
