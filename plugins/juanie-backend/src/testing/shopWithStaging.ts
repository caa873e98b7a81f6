import { Knex } from 'knex';
import { claimed } from './repositoryClaims';
import { TestClient } from './testBackend';

/**
 * As `creator` (who then owns them): organisation acme, its project shop, the repository at
 * `repositoryUrl` claimed for acme and connected for GitOps, and the project's `staging`
 * environment on `path` of its main branch.
 */
export async function shopWithStaging(knex: Knex, creator: TestClient, repositoryUrl: string, path: string) {
  await creator.post('/orgs', { slug: 'acme', title: 'Acme' }).expect(201);
  await creator.post('/orgs/acme/projects', { slug: 'shop', title: 'Shop' }).expect(201);
  const { body: gitops } = await creator
    .post('/orgs/acme/projects/shop/repositories', { url: await claimed(knex, repositoryUrl), purpose: 'gitops' })
    .expect(201);
  await creator
    .post('/orgs/acme/projects/shop/environments', {
      slug: 'staging',
      title: 'Staging',
      kind: 'staging',
      gitops: { repositoryId: gitops.id, branch: 'main', path },
    })
    .expect(201);
}
