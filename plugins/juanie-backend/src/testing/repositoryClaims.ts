import { Knex } from 'knex';
import fs from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Records that the local repository at `url` was created for organisation `org` (slug of a
 * live organisation), as the demo seed or a template would: only then may `org` connect it.
 */
export async function claimLocalRepository(knex: Knex, org: string, url: string) {
  const { id } = await knex('organizations').where({ slug: org }).whereNull('deleted_at').first('id');
  const canonical = pathToFileURL(await fs.realpath(fileURLToPath(url))).href;
  await knex('repository_claims').insert({
    url: canonical,
    organization_id: id,
    claimed_by: 'user:default/test-seed',
    created_at: new Date(),
  });
}

/** `url`, once claimed for `org` (default acme) by {@link claimLocalRepository}. */
export async function claimed(knex: Knex, url: string, org = 'acme'): Promise<string> {
  await claimLocalRepository(knex, org, url);
  return url;
}
