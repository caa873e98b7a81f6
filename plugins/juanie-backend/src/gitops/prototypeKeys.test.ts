import { manifestChangeSchema } from '@juanie/plugin-juanie-common';
import { getAtPath, setAtPath } from '@juanie/plugin-juanie-node';
import { ManifestEditor } from './ManifestEditor';
import { applyJsonPatch, jsonMergePatch, strategicMerge } from '@juanie/plugin-juanie-node';

/**
 * A key named `__proto__` (from a request body or a manifest) must stay a key: reaching the
 * shared Object prototype through it would change every object of the worker that edits all
 * organisations' manifests.
 */

const hostile = (json: string) => JSON.parse(json) as Record<string, unknown>;
const polluted = () =>
  Object.keys(Object.prototype).length > 0 ||
  ({} as Record<string, unknown>).polluted !== undefined;

afterEach(() => {
  for (const key of Object.keys(Object.prototype))
    delete (Object.prototype as Record<string, unknown>)[key];
});

describe('keys named __proto__', () => {
  it('are refused in a change with a clear message', () => {
    for (const change of [
      { patch: hostile('{"spec": {"__proto__": {"polluted": "yes"}}}') },
      { patch: hostile('{"__proto__": {"polluted": "yes"}}') },
      { replicas: 2, valuesPaths: { replicas: '__proto__.polluted' } },
    ]) {
      const result = manifestChangeSchema.safeParse(change);
      expect(result.success).toBe(false);
      expect(JSON.stringify(result.error?.issues)).toMatch(/__proto__/);
    }
    expect(polluted()).toBe(false);
  });

  it('stay data in the editor’s own field paths and merges', () => {
    const root = {};
    setAtPath(root, ['__proto__', 'polluted'], 'yes');
    expect(getAtPath({}, ['__proto__'])).toBeUndefined();
    strategicMerge({}, hostile('{"__proto__": {"polluted": "yes"}}'));
    jsonMergePatch({}, hostile('{"a": {"__proto__": {"polluted": "yes"}}}'));
    const base = { spec: { replicas: 1 } };
    expect(
      applyJsonPatch(base, [
        { op: 'add', path: '/__proto__/polluted', value: 'yes' },
      ]),
    ).toBe(base);
    expect(
      applyJsonPatch(base, [{ op: 'replace', path: '/spec/replicas', value: 2 }]),
    ).toEqual({ spec: { replicas: 2 } });
    expect(base).toEqual({ spec: { replicas: 1 } });
    expect(polluted()).toBe(false);
    expect(Object.getPrototypeOf(root)).toBe(Object.prototype);
    expect(getAtPath(root, ['__proto__', 'polluted'])).toBe('yes');
  });

  it('in a manifest are edited as the fields they are', () => {
    const files = {
      'web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    __proto__: kept
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0.0
`,
    };
    const result = new ManifestEditor().apply({
      files,
      change: {
        patch: { metadata: { annotations: { polluted: 'no' } } },
      },
    });
    expect(result.files['web.yaml']).toContain('    __proto__: kept\n');
    expect(result.files['web.yaml']).toContain('    polluted: "no"\n');
    expect(polluted()).toBe(false);
  });
});
