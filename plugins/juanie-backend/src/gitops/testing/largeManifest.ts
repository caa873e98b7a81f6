/**
 * A generated manifest file of about `bytes` bytes, as controller bundles are: a Deployment
 * `web` (1 replica) followed by ConfigMaps with comments, quotes and block scalars. ConfigMaps
 * are named `<configMapPrefix>-<n>`: another prefix gives a text of the same shape that no
 * parse cache has seen.
 */
export function largeManifest(
  bytes: number,
  configMapPrefix = 'settings',
): string {
  const parts = [
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  replicas: 1',
      '  selector:',
      '    matchLabels:',
      '      app: web',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app: web',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: ghcr.io/acme/web:1.0.0',
      '',
    ].join('\n'),
  ];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const part = [
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      `  name: ${configMapPrefix}-${i}`,
      '  labels:',
      '    app: web # generated',
      'data:',
      `  greeting: "hello ${i}"`,
      "  mode: 'fast'",
      '  script: |',
      '    echo one',
      '    echo two',
      '',
    ].join('\n');
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

/** YAML whose aliases expand exponentially ("billion laughs"). */
export const ALIAS_BOMB = [
  'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  '',
].join('\n');
