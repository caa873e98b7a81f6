import { LoggerService } from '@backstage/backend-plugin-api';
import { AuditChainVerification } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { toBoolean, toIso } from '../shared/dbValues';
import { PLATFORM_CHAIN } from './auditChains';
import { computeAuditHash, GENESIS_HASH } from './auditHash';
import { AuditRow, hashContentOf } from './AuditStore';

/** Who the scheduled verification is, in stored results. */
export const SCHEDULED_VERIFIER = 'scheduler';

/** Rows read per query of a walk: each query is short, and no transaction spans the walk. */
const DEFAULT_BATCH_SIZE = 2000;
/** Chains listed per query by the scheduled run. */
const CHAINS_PER_QUERY = 500;

type Walk = Omit<AuditChainVerification, 'verifiedAt' | 'verifiedBy'>;

interface VerificationRow {
  chain: string;
  verified_at: Date | string | number;
  verified_by: string;
  held: boolean | number;
  events_checked: number | string;
  first_broken_event_id: number | string | null;
  first_broken_message: string | null;
}

const broken = (checked: number, id: number | string | null, message: string): Walk => ({
  held: false,
  checked,
  firstBroken: { id: id === null ? null : String(id), message },
});

/**
 * Verifies audit hash chains and keeps the last result of each. A walk reads its chain in
 * batches, by id, up to the event the chain's head named when the walk began; events appended
 * meanwhile are the next walk's. Nothing is locked, so appends go on during a walk.
 */
export class AuditChainVerifier {
  constructor(
    private readonly db: Knex,
    private readonly logger: LoggerService,
    private readonly batchSize = DEFAULT_BATCH_SIZE,
  ) {}

  /** Walks one chain from its first event, stores the result and answers it. */
  async verify(chain: string, verifiedBy: string): Promise<AuditChainVerification> {
    const walk = await this.walk(chain);
    const result: AuditChainVerification = { verifiedAt: new Date().toISOString(), verifiedBy, ...walk };
    await this.db('audit_chain_verifications')
      .insert({
        chain,
        verified_at: new Date(result.verifiedAt),
        verified_by: verifiedBy,
        held: result.held,
        events_checked: result.checked,
        first_broken_event_id: result.firstBroken?.id ?? null,
        first_broken_message: result.firstBroken?.message ?? null,
      })
      .onConflict('chain')
      .merge();
    return result;
  }

  /** The last stored verification of the chain, if it was ever verified. */
  async last(chain: string): Promise<AuditChainVerification | null> {
    const row: VerificationRow | undefined = await this.db('audit_chain_verifications').where({ chain }).first();
    if (!row) return null;
    return {
      verifiedAt: toIso(row.verified_at),
      verifiedBy: row.verified_by,
      held: toBoolean(row.held),
      checked: Number(row.events_checked),
      ...(row.first_broken_message === null
        ? {}
        : {
            firstBroken: {
              id: row.first_broken_event_id === null ? null : String(row.first_broken_event_id),
              message: row.first_broken_message,
            },
          }),
    };
  }

  /**
   * The scheduled run: verifies every chain (each organisation's, deleted ones included, and the
   * platform's) and logs each broken one as an error. Answers how many chains held and broke.
   */
  async verifyAll(): Promise<{ held: number; broken: number }> {
    const counts = { held: 0, broken: 0 };
    for (let after = ''; ; ) {
      const chains = await this.chainsAfter(after);
      for (const chain of chains) {
        const result = await this.verify(chain, SCHEDULED_VERIFIER);
        if (result.held) {
          counts.held += 1;
        } else {
          counts.broken += 1;
          this.logger.error(
            `The audit chain of ${await this.describe(chain)} is broken at event ${result.firstBroken?.id ?? '(none)'}: ${result.firstBroken?.message}`,
          );
        }
      }
      if (chains.length < CHAINS_PER_QUERY) return counts;
      after = chains[chains.length - 1];
    }
  }

  /**
   * Chains with a head, and every organisation's (a chain whose head was removed still has
   * events to check), in key order.
   */
  private async chainsAfter(after: string): Promise<string[]> {
    const rows: Array<{ chain: string }> = await this.db
      .select('chain')
      .from(
        this.db
          .select('chain')
          .from('audit_chain_heads')
          .union(qb => qb.select('id as chain').from('organizations'))
          .union(qb => qb.select(this.db.raw(`'${PLATFORM_CHAIN}' as chain`)))
          .as('chains'),
      )
      .where('chain', '>', after)
      .orderBy('chain')
      .limit(CHAINS_PER_QUERY);
    return rows.map(row => row.chain);
  }

  private async describe(chain: string): Promise<string> {
    if (chain === PLATFORM_CHAIN) return 'the platform';
    const org = await this.db('organizations').where({ id: chain }).first('slug', 'deleted_at');
    if (!org) return `unknown organisation ${chain}`;
    return `organisation ${org.slug} (${chain}${org.deleted_at ? ', deleted' : ''})`;
  }

  /**
   * Checks each event's link to the one before it and its hash, then that the chain ends where
   * its head says: at the head's last event, with the head's hash, and nothing after it.
   */
  private async walk(chain: string): Promise<Walk> {
    const head = await this.db('audit_chain_heads').where({ chain }).first();
    const lastId = head?.last_event_id === null || head === undefined ? null : Number(head.last_event_id);
    let prevHash = GENESIS_HASH;
    let afterId = 0;
    let checked = 0;
    for (;;) {
      const rows: AuditRow[] = await this.db('audit_events')
        .where({ chain })
        .where('id', '>', afterId)
        .where('id', '<=', lastId ?? 0)
        .orderBy('id')
        .limit(this.batchSize);
      for (const row of rows) {
        if (row.prev_hash !== prevHash) {
          return broken(checked, row.id, `Event ${row.id} does not link to the event before it: an event was removed, inserted or re-hashed`);
        }
        if (row.hash !== computeAuditHash(prevHash, hashContentOf(row))) {
          return broken(checked, row.id, `Event ${row.id} does not match its hash: its content or hash was changed`);
        }
        checked += 1;
        prevHash = row.hash;
        afterId = Number(row.id);
      }
      if (rows.length < this.batchSize) break;
    }
    if (lastId !== null && afterId !== lastId) {
      return broken(checked, lastId, `Event ${lastId}, the last the chain's head names, is missing: events were removed from the end`);
    }
    if (head && head.last_hash !== prevHash) {
      return broken(checked, lastId, "The chain's head does not match its last event");
    }
    return (await this.unnamedEvent(chain, lastId ?? 0, checked, Boolean(head))) ?? { held: true, checked };
  }

  /**
   * An event of the chain after the one its head names, which no append wrote: an append
   * commits its event and the head together, so the head read after the event was seen names
   * it or a later one.
   */
  private async unnamedEvent(
    chain: string,
    lastId: number,
    checked: number,
    hadHead: boolean,
  ): Promise<Walk | undefined> {
    const after = await this.db('audit_events').where({ chain }).where('id', '>', lastId).orderBy('id').first('id');
    if (!after) return undefined;
    const headNow = await this.db('audit_chain_heads').where({ chain }).first('last_event_id');
    if (headNow?.last_event_id !== null && headNow !== undefined && Number(headNow.last_event_id) >= Number(after.id)) {
      return undefined;
    }
    return broken(
      checked,
      after.id,
      hadHead
        ? `Event ${after.id} follows the last event the chain's head names: it was added outside Juanie`
        : `Event ${after.id} is in a chain that has no head: the head was removed`,
    );
  }
}
