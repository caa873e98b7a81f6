import yaml from 'yaml';
import {
  defaultNamespace,
  layoutEnvironmentOf,
  parseImageReference,
  projectLayout,
} from './GitOpsLayout';

describe('parseImageReference', () => {
  it.each([
    [
      'ghcr.io/acme/checkout:0.1.0',
      { name: 'ghcr.io/acme/checkout', tag: '0.1.0' },
    ],
    [
      'registry:5000/team/app:1.2',
      { name: 'registry:5000/team/app', tag: '1.2' },
    ],
    [
      `nginx@sha256:${'a'.repeat(64)}`,
      { name: 'nginx', digest: `sha256:${'a'.repeat(64)}` },
    ],
  ])('splits %s', (image, expected) => {
    expect(parseImageReference(image)).toEqual(expected);
  });

  it.each([
    ['ghcr.io/acme/checkout', /has neither tag nor digest/],
    ['registry:5000/team/app', /has neither tag nor digest/],
    ['Upper/Case:1', /is not an image repository name/],
    ['app:bad tag', /is not an image tag/],
    ['app@md5:abc', /is not a sha256 digest/],
  ])('refuses %s', (image, message) => {
    expect(() => parseImageReference(image)).toThrow(message);
  });
});

describe('projectLayout', () => {
  const files = projectLayout(
    {
      org: 'acme',
      project: 'checkout',
      image: { name: 'ghcr.io/acme/checkout', tag: '1.5' },
      containerPort: 3000,
      repositoryUrl: 'https://github.com/acme/checkout-gitops.git',
      branch: 'main',
    },
    [
      {
        slug: 'dev',
        title: 'Development',
        kind: 'development',
        cluster: 'default',
        namespace: 'acme-checkout-dev',
      },
      {
        slug: 'prod',
        title: 'Production',
        kind: 'production',
        cluster: 'eu-1',
        namespace: 'payments',
      },
    ],
  );
  const parse = (file: string) =>
    yaml.parseAllDocuments(files[file]).map(doc => doc.toJS());

  it('has a base, an overlay per environment and the Flux objects of each environment', () => {
    expect(Object.keys(files).sort()).toEqual([
      'apps/checkout/base/deployment.yaml',
      'apps/checkout/base/kustomization.yaml',
      'apps/checkout/base/service.yaml',
      'apps/checkout/overlays/dev/kustomization.yaml',
      'apps/checkout/overlays/prod/kustomization.yaml',
      'clusters/default/checkout-dev.yaml',
      'clusters/eu-1/checkout-prod.yaml',
    ]);
  });

  it('explains itself in comments at the top of every file', () => {
    expect(Object.values(files).every(text => text.startsWith('# '))).toBe(
      true,
    );
  });

  it('runs the initial image in the base and pins its tag, as a string, in each overlay', () => {
    const [deployment] = parse('apps/checkout/base/deployment.yaml');
    expect(deployment.spec.template.spec.containers).toEqual([
      expect.objectContaining({
        name: 'checkout',
        image: 'ghcr.io/acme/checkout:1.5',
        ports: [{ name: 'http', containerPort: 3000 }],
      }),
    ]);
    expect(parse('apps/checkout/overlays/dev/kustomization.yaml')[0]).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      namespace: 'acme-checkout-dev',
      resources: ['../../base'],
      images: [{ name: 'ghcr.io/acme/checkout', newTag: '1.5' }],
    });
    expect(
      parse('apps/checkout/overlays/prod/kustomization.yaml')[0],
    ).toMatchObject({
      namespace: 'payments',
      resources: ['../../base'],
    });
  });

  it('writes no cluster-scoped object: the platform owns namespaces', () => {
    const kinds = Object.keys(files)
      .filter(file => file.endsWith('.yaml'))
      .flatMap(file => parse(file).map(doc => doc.kind));
    expect(kinds).not.toContain('Namespace');
  });

  it('makes the Flux objects as Juanie makes them, all in the environment namespace, acting as its ServiceAccount', () => {
    const objects = parse('clusters/eu-1/checkout-prod.yaml');
    const metadata = {
      name: 'acme-checkout-prod',
      namespace: 'payments',
      labels: {
        'juanie.io/environment': 'acme.checkout.prod',
        'app.kubernetes.io/managed-by': 'juanie',
      },
    };
    expect(objects).toEqual([
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata,
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'admin',
        },
        subjects: [
          {
            kind: 'ServiceAccount',
            name: 'acme-checkout-prod',
            namespace: 'payments',
          },
        ],
      },
      {
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        metadata,
        spec: {
          interval: '1m',
          url: 'https://github.com/acme/checkout-gitops.git',
          ref: { branch: 'main' },
        },
      },
      {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata,
        spec: {
          interval: '5m',
          serviceAccountName: 'acme-checkout-prod',
          sourceRef: { kind: 'GitRepository', name: 'acme-checkout-prod' },
          path: './apps/checkout/overlays/prod',
          prune: true,
          targetNamespace: 'payments',
        },
      },
    ]);
    const objectLines = files['clusters/eu-1/checkout-prod.yaml']
      .split('\n')
      .filter(line => !line.startsWith('#'));
    expect(objectLines.join('\n')).not.toContain('flux-system');
  });
});

describe('defaultNamespace', () => {
  it('is <org>-<project>-<env>, inside the {org}-* namespaces clusters grant', () => {
    expect(defaultNamespace('acme', 'checkout', 'dev')).toBe(
      'acme-checkout-dev',
    );
    expect(
      layoutEnvironmentOf('acme', 'checkout', {
        slug: 'dev',
        title: 'Development',
        kind: 'development',
        cluster: null,
        namespace: null,
      }),
    ).toEqual({
      slug: 'dev',
      title: 'Development',
      kind: 'development',
      cluster: 'default',
      namespace: 'acme-checkout-dev',
    });
  });

  it('keeps the namespace Juanie names', () => {
    expect(
      layoutEnvironmentOf('acme', 'checkout', {
        slug: 'prod',
        title: 'Production',
        kind: 'production',
        cluster: 'eu-1',
        namespace: 'payments',
      }).namespace,
    ).toBe('payments');
  });

  it.each([
    ['acme', 'p'.repeat(63), 'dev'],
    ['acme', 'checkout', 'dev-'],
    ['acme', 'x'.repeat(60), 'staging-a'],
  ])(
    'cuts %s-%s-%s to a DNS label that keeps the org prefix',
    (org, project, env) => {
      const namespace = defaultNamespace(org, project, env);
      expect(namespace.length).toBeLessThanOrEqual(63);
      expect(namespace).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      expect(namespace.startsWith(`${org}-`)).toBe(true);
    },
  );

  it('keeps cut names of different environments apart', () => {
    const project = 'x'.repeat(60);
    expect(defaultNamespace('acme', project, 'staging-a')).not.toBe(
      defaultNamespace('acme', project, 'staging-b'),
    );
  });
});
