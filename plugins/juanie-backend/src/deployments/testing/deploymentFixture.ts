import { BackendFeature } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { createBareRepository, BareRepository } from '../../gitops/testing/bareRepository';
import { eventually } from '../../testing/eventually';
import { startJuanieTestBackend, TestClient } from '../../testing/testBackend';
import { claimLocalRepository } from '../../testing/repositoryClaims';

/** A Deployment with comments and a Service, as a person wrote them. */
export const STAGING_DEPLOYMENT = `# The storefront
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
spec:
  replicas: 2 # two is enough for staging
  template:
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/shop:1.2.3
          env:
            - name: LOG_LEVEL
              value: "info"
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
    - port: 80
`;

/** The GitOps layout of the fixture: one path per environment in one repository. */
export function gitopsFiles(environments: string[]): Record<string, string> {
  return Object.fromEntries(
    environments.map(env => [`apps/shop/${env}/deployment.yaml`, STAGING_DEPLOYMENT]),
  );
}

export interface DeploymentFixture {
  repo: BareRepository;
  backend: Awaited<ReturnType<typeof startJuanieTestBackend>>;
  as(user: string): TestClient;
  carol: TestClient;
  alice: TestClient;
  bob: TestClient;
  dave: TestClient;
  /** Waits for the deployment to reach one of the statuses and returns its detail. */
  settled(id: string, statuses: string[]): Promise<any>;
}

/**
 * Org acme (carol owner), project shop (alice developer, bob maintainer, dave viewer) with
 * environments on one bare GitOps repository. `staging` needs bob's approval; the others none
 * unless `approvals` says so.
 */
export async function startDeploymentFixture(
  knex: Knex,
  options: {
    environments?: string[];
    approvals?: Record<string, { requiredApprovals: number; approvers: string[]; expiresAfter?: string }>;
    /** Extra `juanie` config (e.g. `jobs`). */
    juanie?: Record<string, unknown>;
    cacheName: string;
    /** The repository's first commit; one Deployment per environment path by default. */
    files?: Record<string, string>;
    /** Environments mapped explicitly to a Flux object (`gitops.flux`) in their namespace, e.g. a HelmRelease. */
    flux?: Record<string, { kind: 'Kustomization' | 'HelmRelease'; namespace: string; name: string }>;
    /** More of the backend: config besides `juanie`, and plugins or modules beside Juanie. */
    backend?: { config?: Record<string, unknown>; features?: BackendFeature[] };
  },
): Promise<DeploymentFixture> {
  const environments = options.environments ?? ['staging'];
  const repo = await createBareRepository(options.files ?? gitopsFiles(environments));
  const backend = await startJuanieTestBackend(
    knex,
    {
      ...options.backend?.config,
      juanie: {
        platformAdmins: [],
        jobs: { pollIntervalMs: 100 },
        gitops: { cacheDir: `${repo.url.slice(7)}-cache-${options.cacheName}` },
        ...options.juanie,
      },
    },
    { features: options.backend?.features },
  );
  const { as } = backend;
  const carol = as('carol');
  await carol.post('/orgs', { slug: 'acme', title: 'Acme' }).expect(201);
  await carol.post('/orgs/acme/projects', { slug: 'shop', title: 'Shop' }).expect(201);
  await claimLocalRepository(knex, 'acme', repo.url);
  const { body: gitops } = await carol
    .post('/orgs/acme/projects/shop/repositories', { url: repo.url, purpose: 'gitops' })
    .expect(201);
  const approvals = {
    staging: { requiredApprovals: 1, approvers: ['user:default/bob'] },
    ...options.approvals,
  };
  for (const env of environments) {
    await carol
      .post('/orgs/acme/projects/shop/environments', {
        slug: env,
        title: env,
        kind: env === 'prod' ? 'production' : 'staging',
        // Its Flux objects live there (a cluster config grants acme `shop-*`, as the local one does).
        namespace: `shop-${env}`,
        approval: approvals[env as keyof typeof approvals] ?? { requiredApprovals: 0 },
        gitops: {
          repositoryId: gitops.id,
          branch: 'main',
          path: `apps/shop/${env}`,
          ...(options.flux?.[env] ? { flux: options.flux[env] } : {}),
        },
      })
      .expect(201);
  }
  for (const [user, role] of [['alice', 'developer'], ['bob', 'maintainer'], ['dave', 'viewer']]) {
    await carol.post('/orgs/acme/projects/shop/members', { userRef: `user:default/${user}`, role }).expect(201);
  }
  const settled = (id: string, statuses: string[]) =>
    eventually(
      async () => (await carol.get(`/deployments/${id}`).expect(200)).body,
      body => statuses.includes(body.status),
    );
  return { repo, backend, as, carol, alice: as('alice'), bob: as('bob'), dave: as('dave'), settled };
}
