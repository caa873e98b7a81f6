import yaml from 'yaml';
import { parseImageReference, projectLayout } from './GitOpsLayout';

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
        namespace: 'checkout-dev',
        createsNamespace: true,
      },
      {
        slug: 'prod',
        title: 'Production',
        kind: 'production',
        cluster: 'eu-1',
        namespace: 'payments',
        createsNamespace: false,
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
      'apps/checkout/overlays/dev/namespace.yaml',
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
      namespace: 'checkout-dev',
      resources: ['../../base', 'namespace.yaml'],
      images: [{ name: 'ghcr.io/acme/checkout', newTag: '1.5' }],
    });
    expect(
      parse('apps/checkout/overlays/prod/kustomization.yaml')[0],
    ).toMatchObject({
      namespace: 'payments',
      resources: ['../../base'],
    });
  });

  it('makes the Flux objects Juanie would make, labelled with the environment', () => {
    const [source, kustomization] = parse('clusters/eu-1/checkout-prod.yaml');
    const metadata = {
      name: 'acme-checkout-prod',
      namespace: 'flux-system',
      labels: {
        'juanie.io/environment': 'acme.checkout.prod',
        'app.kubernetes.io/managed-by': 'juanie',
      },
    };
    expect(source).toEqual({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata,
      spec: {
        interval: '1m',
        url: 'https://github.com/acme/checkout-gitops.git',
        ref: { branch: 'main' },
      },
    });
    expect(kustomization).toEqual({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata,
      spec: {
        interval: '5m',
        sourceRef: { kind: 'GitRepository', name: 'acme-checkout-prod' },
        path: './apps/checkout/overlays/prod',
        prune: true,
        targetNamespace: 'payments',
      },
    });
  });
});
