import { Knex } from 'knex';
import { toIso } from '../shared/dbValues';

/**
 * Where one kind of membership lives: its table, the column of the scope it belongs to
 * (organisation, team, project) and the column of its subject (user, principal, team).
 */
export interface MembershipTable {
  table: string;
  scopeColumn: string;
  subjectColumn: string;
}

/** One membership as the store reads it: who, which role, since when. */
export interface MembershipRow<R extends string> {
  subject: string;
  role: R;
  createdAt: string;
}

/**
 * The rows of one membership table (knex only, no rules): organisation members, team members,
 * project members and project teams are the same four columns under other names.
 */
export class MembershipStore<R extends string> {
  constructor(
    private readonly db: Knex,
    private readonly where: MembershipTable,
  ) {}

  private key(scopeId: string, subject: string) {
    return {
      [this.where.scopeColumn]: scopeId,
      [this.where.subjectColumn]: subject,
    };
  }

  /** The scope's memberships by subject; a page of them after `page.after` when `page` is given. */
  async list(
    scopeId: string,
    page?: { limit: number; after?: string },
  ): Promise<MembershipRow<R>[]> {
    const { table, scopeColumn, subjectColumn } = this.where;
    const query = this.db(table)
      .where({ [scopeColumn]: scopeId })
      .orderBy(subjectColumn);
    if (page) query.limit(page.limit);
    if (page?.after) query.where(subjectColumn, '>', page.after);
    return (await query).map(row => ({
      subject: row[subjectColumn],
      role: row.role,
      createdAt: toIso(row.created_at),
    }));
  }

  async getRole(
    scopeId: string,
    subject: string,
    trx: Knex = this.db,
  ): Promise<R | undefined> {
    const row = await trx(this.where.table)
      .where(this.key(scopeId, subject))
      .first();
    return row?.role;
  }

  async add(
    trx: Knex.Transaction,
    scopeId: string,
    subject: string,
    role: R,
  ): Promise<void> {
    await trx(this.where.table).insert({
      ...this.key(scopeId, subject),
      role,
      created_at: new Date(),
    });
  }

  async setRole(
    trx: Knex.Transaction,
    scopeId: string,
    subject: string,
    role: R,
  ): Promise<void> {
    await trx(this.where.table)
      .where(this.key(scopeId, subject))
      .update({ role });
  }

  async remove(
    trx: Knex.Transaction,
    scopeId: string,
    subject: string,
  ): Promise<void> {
    await trx(this.where.table).where(this.key(scopeId, subject)).delete();
  }

  /** How many memberships the scope has (with this role, when given). */
  async count(scopeId: string, trx: Knex = this.db, role?: R): Promise<number> {
    const query = trx(this.where.table).where({
      [this.where.scopeColumn]: scopeId,
    });
    if (role) query.where({ role });
    const [{ count }] = await query.count({ count: '*' });
    return Number(count);
  }
}
