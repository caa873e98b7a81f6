import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';

/**
 * Which organisation each local (`file://`) repository was created for (`repository_claims`),
 * keyed on the organisation's immutable id. Only that organisation may connect it.
 */
export class RepositoryClaims {
  constructor(private readonly db: Knex) {}

  /** The id of the organisation that claimed the canonical `file://` URL, if any. */
  async ownerOf(url: string, trx: Knex = this.db): Promise<string | undefined> {
    const row = await trx('repository_claims').where({ url }).first('organization_id');
    return row?.organization_id;
  }

  /** Records the claim; a repository claimed already by another organisation is a 409. */
  async claim(trx: Knex.Transaction, organizationId: string, url: string, claimedBy: string): Promise<void> {
    const owner = await this.ownerOf(url, trx);
    if (owner === organizationId) return;
    if (owner) throw new ConflictError(`${url} was created for another organisation`);
    await trx('repository_claims').insert({
      url,
      organization_id: organizationId,
      claimed_by: claimedBy,
      created_at: new Date(),
    });
  }
}
