import { Knex } from 'knex';
import os from 'node:os';
import path from 'node:path';
import { BareRepository, createBareRepository } from '../gitops/testing/bareRepository';
import { gitopsFiles } from '../deployments/testing/deploymentFixture';
import { eventually } from '../testing/eventually';
import { claimLocalRepository } from '../testing/repositoryClaims';
import { JuanieTestBackend, startJuanieTestBackend, TEST_PLATFORM_ADMIN, TestClient } from '../testing/testBackend';
import { createJuanieTestDatabases } from '../testing/testDatabases';
import { KUSTOMIZATION, KustomizationObject } from '@juanie/plugin-juanie-backend-module-dev';
import { FluxSimulator } from '@juanie/plugin-juanie-backend-module-dev';
import { KubeApiServer } from '@juanie/plugin-juanie-backend-module-dev';

jest.setTimeout(180_000);

/** acme gets the demo's shop namespaces; every organisation those named after itself. */
const TENANTS = [
  { organization: 'acme', namespaces: ['shop-*'] },
  { organization: '*', namespaces: ['{org}-*'] },
];

type Applied = { kind: string; metadata: { namespace: string; name: string } };

describe('clusters belong to the platform; Flux mappings stay in their lane (issue 12, rules 1 and 2)', () => {
  const databases = createJuanieTestDatabases();
  let api: KubeApiServer;
  let simulator: FluxSimulator;
  let backend: JuanieTestBackend | undefined;
  let repo: BareRepository;
  /** Repositories of the second and later organisations of a test (one organisation per URL). */
  let moreRepos: BareRepository[] = [];
  let repoTaken = false;
  let database: Knex;

  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
    await simulator?.stop();
    await api?.stop();
    await repo?.cleanup();
    await Promise.all(moreRepos.map(r => r.cleanup()));
    moreRepos = [];
    repoTaken = false;
  });

  async function start(id: Parameters<typeof databases.init>[0]) {
    repo = await createBareRepository(gitopsFiles(['dev', 'z']));
    api = new KubeApiServer({ bookmarkIntervalMs: 500 });
    const url = await api.start();
    simulator = new FluxSimulator({
      server: api,
      cacheDir: path.join(os.tmpdir(), `juanie-tenancy-${process.pid}-${id}-${Date.now()}`),
      intervalMs: 200,
      applyDelayMs: 50,
    });
    simulator.seedFluxSystem();
    await simulator.start();
    database = await databases.init(id);
    const knex = database;
    backend = await startJuanieTestBackend(knex, {
      juanie: {
        platformAdmins: [TEST_PLATFORM_ADMIN],
        clusters: [{ name: 'test', url, tenants: TENANTS }],
        gitops: { cacheDir: `${repo.url.slice(7)}-cache-${id}-${Date.now()}` },
      },
    });
    return { knex, as: backend.as };
  }

  /**
   * An organisation with a project and a GitOps repository of its own (the test's `repo` for
   * the first one), created by its owner.
   */
  async function tenant(owner: TestClient, org: string, project: string) {
    await owner.post('/orgs', { slug: org, title: org }).expect(201);
    await owner.post(`/orgs/${org}/projects`, { slug: project, title: project }).expect(201);
    const own = repoTaken ? await createBareRepository(gitopsFiles(['dev', 'z'])) : repo;
    if (own === repo) repoTaken = true;
    else moreRepos.push(own);
    await claimLocalRepository(database, org, own.url);
    const { body } = await owner
      .post(`/orgs/${org}/projects/${project}/repositories`, { url: own.url, purpose: 'gitops' })
      .expect(201);
    return { base: `/orgs/${org}/projects/${project}`, repositoryId: body.id as string };
  }

  const environment = (slug: string, repositoryId: string, extra: object = {}) => ({
    slug,
    title: slug,
    kind: 'development',
    approval: { requiredApprovals: 0 },
    gitops: { repositoryId, branch: 'main', path: `apps/shop/${slug}` },
    ...extra,
  });

  const kustomizations = () => api.list(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind) as KustomizationObject[];

  it.each(databases.eachSupportedId())(
    "attack: an environment in a cluster or namespace the platform did not grant (kube-system, flux-system, another organisation's) — refused at create, update and Flux apply (%p)",
    async id => {
      const { knex, as } = await start(id);
      const mallory = as('mallory');
      const { base, repositoryId } = await tenant(mallory, 'evil', 'p');

      for (const [namespace, message] of [
        ['kube-system', 'Namespace kube-system of cluster test belongs to the platform; no organisation may use it'],
        ['flux-system', 'Namespace flux-system of cluster test belongs to the platform; no organisation may use it'],
        ['shop-dev', "Namespace shop-dev of cluster test is not one of organisation evil's (allowed: evil-*)"],
      ]) {
        const refused = await mallory.post(`${base}/environments`, environment('dev', repositoryId, { namespace })).expect(403);
        expect(refused.body.error.message).toBe(message);
      }
      const unknown = await mallory
        .post(`${base}/environments`, environment('dev', repositoryId, { cluster: 'prod', namespace: 'evil-dev' }))
        .expect(400);
      expect(unknown.body.error.message).toBe('Cluster prod is not configured in juanie.clusters');
      expect((await mallory.get(`${base}/environments`).expect(200)).body.items).toEqual([]);

      await mallory.post(`${base}/environments`, environment('dev', repositoryId, { namespace: 'evil-dev' })).expect(201);
      const moved = await mallory.patch(`${base}/environments/dev`, { namespace: 'kube-system' }).expect(403);
      expect(moved.body.error.message).toContain('kube-system');
      expect((await mallory.get(`${base}/environments/dev`).expect(200)).body.namespace).toBe('evil-dev');

      // A namespace that the configuration no longer grants (here: set behind the API's back)
      // is refused at the Flux apply too, and nothing reaches the cluster.
      await knex('environments').where({ slug: 'dev' }).update({ namespace: 'kube-system' });
      const applied = await mallory.put(`${base}/environments/dev/gitops/flux`).expect(403);
      expect(applied.body.error.message).toContain('Namespace kube-system of cluster test belongs to the platform');
      expect(kustomizations()).toEqual([]);
      expect(api.list('rbac.authorization.k8s.io/v1', 'RoleBinding')).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'attack: Flux applies a tenant\'s repository as cluster-admin from flux-system — refused: its objects live in its namespace, act as its own service account, and a cluster-wide manifest fails (%p)',
    async id => {
      const { as } = await start(id);
      const mallory = as('mallory');
      const { base, repositoryId } = await tenant(mallory, 'evil', 'p');
      await mallory.post(`${base}/environments`, environment('dev', repositoryId, { namespace: 'evil-dev' })).expect(201);

      const { body } = await mallory.put(`${base}/environments/dev/gitops/flux`).expect(200);
      const name = body.items[0].metadata.name;
      expect(body.items.map((o: Applied) => [o.kind, o.metadata.namespace])).toEqual([
        ['ServiceAccount', 'evil-dev'],
        ['RoleBinding', 'evil-dev'],
        ['GitRepository', 'evil-dev'],
        ['Kustomization', 'evil-dev'],
      ]);
      expect(api.list(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, 'flux-system')).toEqual([]);
      expect(api.get(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, 'evil-dev', name)).toMatchObject({
        spec: { serviceAccountName: name, targetNamespace: 'evil-dev', sourceRef: { kind: 'GitRepository', name } },
      });
      expect(api.list('rbac.authorization.k8s.io/v1', 'RoleBinding').map(b => b.metadata.namespace)).toEqual(['evil-dev']);
      const gitops = async () => (await mallory.get(`${base}/gitops`).expect(200)).body.items[0];
      await eventually(gitops, s => s.workload?.state === 'Ready', 60_000);

      // The repository now asks for cluster-admin: the account may not, so Flux fails it.
      await repo.pushUpstream({
        'apps/shop/dev/admin.yaml':
          'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: evil-admin\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - kind: ServiceAccount\n    name: default\n    namespace: evil-dev\n',
      });
      await mallory.post(`${base}/environments/dev/gitops/reconcile`).expect(200);
      const failed = await eventually(gitops, s => Boolean(s.workload?.message?.includes('Forbidden')), 60_000);
      expect(failed.workload.conditions).toContainEqual(expect.objectContaining({ type: 'Ready', status: 'False', reason: 'ReconciliationFailed' }));
      expect(failed.workload.message).toBe(
        `ClusterRoleBinding/evil-admin dry-run failed (Forbidden): clusterrolebindings.rbac.authorization.k8s.io "evil-admin" is forbidden: User "system:serviceaccount:evil-dev:${name}" cannot patch resource "clusterrolebindings" in API group "rbac.authorization.k8s.io" at the cluster scope`,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    "attack: slugs that collide (q-x/y/z and q/x-y/z) take over each other's Flux objects — refused: different objects, neither touches the other, and a namespace stays its first organisation's (%p)",
    async id => {
      const { as } = await start(id);
      const first = as('quinn');
      const second = as('xavier');
      const a = await tenant(first, 'q-x', 'y');
      const b = await tenant(second, 'q', 'x-y');
      await first.post(`${a.base}/environments`, environment('z', a.repositoryId, { namespace: 'q-x-z' })).expect(201);
      // `q-*` matches q-x's namespace, but it is q-x's now.
      const taken = await second.post(`${b.base}/environments`, environment('z', b.repositoryId, { namespace: 'q-x-z' })).expect(409);
      expect(taken.body.error.message).toBe("Namespace q-x-z of cluster test is used by another organisation's environments");
      await second.post(`${b.base}/environments`, environment('z', b.repositoryId, { namespace: 'q-z' })).expect(201);

      const { body: ofFirst } = await first.put(`${a.base}/environments/z/gitops/flux`).expect(200);
      const before = structuredClone(kustomizations());
      const { body: ofSecond } = await second.put(`${b.base}/environments/z/gitops/flux`).expect(200);
      const names = (items: Applied[]) => items.map(o => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`);
      expect(names(ofSecond.items).filter(n => names(ofFirst.items).includes(n))).toEqual([]);
      const after = kustomizations();
      expect(after).toHaveLength(2);
      // q-x's Kustomization is as it was (the simulated controller only writes its status).
      const declared = (k?: KustomizationObject) => ({
        spec: k?.spec,
        uid: k?.metadata.uid,
        generation: k?.metadata.generation,
        labels: k?.metadata.labels,
        managedFields: k?.metadata.managedFields,
      });
      const ofQx = (list: KustomizationObject[]) => declared(list.find(k => k.metadata.namespace === 'q-x-z'));
      expect(ofQx(after)).toEqual(ofQx(before));
      expect(ofQx(after).spec).toBeDefined();
      expect(after.map(k => k.metadata.labels?.['juanie.io/environment-id'])).toEqual(
        after.map(k => k.metadata.name.replace('juanie-', '')),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'attack: a Flux apply takes over an object Juanie did not create for the environment — refused with 409, the object unchanged (%p)',
    async id => {
      const { knex, as } = await start(id);
      const mallory = as('mallory');
      const { base, repositoryId } = await tenant(mallory, 'evil', 'p');
      await mallory.post(`${base}/environments`, environment('dev', repositoryId, { namespace: 'evil-dev' })).expect(201);
      const { id: envId } = await knex('environments').where({ slug: 'dev' }).first('id');
      const name = `juanie-${envId}`;
      // Someone else's Kustomization with the name Juanie would use, and one labelled for the
      // environment but written by another field manager: neither is Juanie's.
      const foreign = {
        ...KUSTOMIZATION,
        metadata: { name, namespace: 'evil-dev' },
        spec: { interval: '1h', path: './elsewhere', sourceRef: { kind: 'GitRepository', name: 'theirs' } },
      };
      for (const labels of [undefined, { 'juanie.io/environment-id': envId }]) {
        api.delete(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, 'evil-dev', name);
        api.apply({ ...foreign, metadata: { ...foreign.metadata, labels } });
        const refused = await mallory.put(`${base}/environments/dev/gitops/flux`).expect(409);
        expect(refused.body.error.message).toBe(
          `Kustomization evil-dev/${name} already exists in cluster test and was not created by Juanie for environment dev; Juanie does not take it over`,
        );
        const kept = api.get(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, 'evil-dev', name)!;
        expect(kept.spec).toEqual(foreign.spec);
        expect(kept.metadata.labels).toEqual(labels);
        expect(kept.metadata.managedFields).toBeUndefined();
      }
      expect(api.list('source.toolkit.fluxcd.io/v1', 'GitRepository', 'evil-dev')).toEqual([]);
      const deleted = await mallory.delete(`${base}/environments/dev/gitops/flux`).expect(409);
      expect(deleted.body.error.message).toContain('was not created by Juanie');
      expect(api.get(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, 'evil-dev', name)).toBeDefined();
    },
  );

  it.each(databases.eachSupportedId())(
    "attack: a user of another organisation maps flux-system/acme-shop-dev or acme's own object, reads its status, reconciles and suspends it — refused; platform admins may map others (%p)",
    async id => {
      const { knex, as } = await start(id);
      const carol = as('carol');
      const acme = await tenant(carol, 'acme', 'shop');
      await carol.post(`${acme.base}/environments`, environment('dev', acme.repositoryId, { namespace: 'shop-dev' })).expect(201);
      const { body: applied } = await carol.put(`${acme.base}/environments/dev/gitops/flux`).expect(200);
      const acmeName = applied.items[0].metadata.name;
      // A platform object in flux-system too, as a platform team may have one.
      api.apply({
        ...KUSTOMIZATION,
        metadata: { name: 'acme-shop-dev', namespace: 'flux-system' },
        spec: { interval: '5m', path: './apps/shop/dev', sourceRef: { kind: 'GitRepository', name: 'flux-system' } },
      });
      const acmeStatus = async () => (await carol.get(`${acme.base}/gitops`).expect(200)).body.items[0];
      await eventually(acmeStatus, s => s.workload?.state === 'Ready', 60_000);

      const mallory = as('mallory');
      const evil = await tenant(mallory, 'evil', 'p');
      const targets = [
        { kind: 'Kustomization', namespace: 'flux-system', name: 'acme-shop-dev' },
        { kind: 'Kustomization', namespace: 'shop-dev', name: acmeName },
      ];
      for (const flux of targets) {
        const refused = await mallory
          .post(`${evil.base}/environments`, {
            ...environment('dev', evil.repositoryId, { namespace: 'evil-dev' }),
            gitops: { repositoryId: evil.repositoryId, branch: 'main', path: 'apps/shop/dev', flux },
          })
          .expect(403);
        expect(refused.body.error.message).toBe(
          `Environment dev may map only Flux objects in its own namespace (evil-dev), not Kustomization ${flux.namespace}/${flux.name}; platform admins may map others`,
        );
      }
      await mallory.post(`${evil.base}/environments`, environment('dev', evil.repositoryId, { namespace: 'evil-dev' })).expect(201);
      for (const flux of targets) {
        await mallory
          .patch(`${evil.base}/environments/dev`, { gitops: { repositoryId: evil.repositoryId, branch: 'main', path: 'apps/shop/dev', flux } })
          .expect(403);
      }

      // A mapping stored before these rules (written behind the API's back) reaches nothing.
      const envId = (await knex('environments').where({ slug: 'dev', namespace: 'evil-dev' }).first('id')).id;
      for (const flux of targets) {
        await knex('gitops_resources')
          .where({ environment_id: envId })
          .update({ flux_kind: flux.kind, flux_namespace: flux.namespace, flux_name: flux.name });
        expect((await mallory.get(`${evil.base}/gitops`).expect(200)).body.items[0].workload).toBeNull();
        for (const operation of ['reconcile', 'suspend']) {
          const refused = await mallory.post(`${evil.base}/environments/dev/gitops/${operation}`).expect(409);
          expect(refused.body.error.message).toBe('No Flux object reconciles dev yet (not found in cluster test)');
        }
      }
      for (const [namespace, name] of [['flux-system', 'acme-shop-dev'], ['shop-dev', acmeName]]) {
        const object = api.get(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, namespace, name) as KustomizationObject;
        expect(object.spec?.suspend).toBeUndefined();
        expect(object.metadata.annotations?.['reconcile.fluxcd.io/requestedAt']).toBeUndefined();
      }
      expect((await acmeStatus()).workload).toMatchObject({ namespace: 'shop-dev', suspended: false });

      // A platform admin may map an environment to a platform object; it then reaches it.
      const admin = as('admin');
      await admin
        .patch(`${evil.base}/environments/dev`, {
          gitops: { repositoryId: evil.repositoryId, branch: 'main', path: 'apps/shop/dev', flux: targets[0] },
        })
        .expect(200);
      const granted = await knex('gitops_resources').where({ environment_id: envId }).first('flux_granted_by');
      expect(granted.flux_granted_by).toBe(TEST_PLATFORM_ADMIN);
      const mapped = await eventually(
        async () => (await mallory.get(`${evil.base}/gitops`).expect(200)).body.items[0],
        s => s.workload !== null,
      );
      expect(mapped.workload).toMatchObject({ namespace: 'flux-system', name: 'acme-shop-dev' });
      // mallory's own edits keep the admin's mapping as it is.
      await mallory.patch(`${evil.base}/environments/dev`, { title: 'Development' }).expect(200);
      expect((await knex('gitops_resources').where({ environment_id: envId }).first('flux_granted_by')).flux_granted_by).toBe(
        TEST_PLATFORM_ADMIN,
      );
    },
  );
});
