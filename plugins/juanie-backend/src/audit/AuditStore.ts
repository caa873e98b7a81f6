import { AuditEvent, AuditOutcome, AuditQuery } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { databaseKind, forUpdate, toIso } from '../shared/dbValues';
import { chainOf } from './auditChains';
import { AuditHashContent, computeAuditHash, GENESIS_HASH } from './auditHash';

/** An audit event as a service hands it in; the store adds time and hashes. */
export interface NewAuditEvent {
  actorRef: string;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  org?: string | null;
  project?: string | null;
  outcome: AuditOutcome;
  message: string;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

/** An audit row as stored. */
export interface AuditRow {
  id: number | string;
  chain: string;
  occurred_at: Date | string | number;
  actor_ref: string;
  action: string;
  resource_type: string;
  resource_id: string | null;
  org: string | null;
  project: string | null;
  organization_id?: string | null;
  project_id?: string | null;
  outcome: AuditOutcome;
  message: string;
  before: string | null;
  after: string | null;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * Refusals are recorded with what the client sent (an unknown org from the path, say), which
 * may be longer than its column or hold NUL characters that PostgreSQL refuses; the event must
 * still be written, so such values are cut to size and NULs replaced.
 */
const fit = (value: string, maxLength = Infinity) =>
  value.replace(/\0/g, '\uFFFD').slice(0, maxLength);
const fitOrNull = (value: string | null | undefined, maxLength: number) =>
  value === undefined || value === null ? null : fit(value, maxLength);

const toJson = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** What a stored row's hash covers. */
export function hashContentOf(row: AuditRow): AuditHashContent {
  return {
    occurredAt: toIso(row.occurred_at),
    actorRef: row.actor_ref,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    org: row.org,
    project: row.project,
    outcome: row.outcome,
    message: row.message,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
    ip: row.ip,
    userAgent: row.user_agent,
  };
}

/**
 * A query of the trail as the store runs it: an organisation's trail is asked for by the
 * organisation's id (its slug may have belonged to a deleted organisation before), which
 * replaces the slug filter.
 */
export type StoredAuditQuery = AuditQuery & { organizationId?: string };

/**
 * The organisation (and project) that held the event's slugs when it happened: the one created
 * most recently, since one live organisation holds a slug at a time; inside a deletion's
 * transaction that is still the organisation being deleted. The migration that added the ids
 * backfilled existing rows by the same rule.
 */
async function holdersOf(trx: Knex.Transaction, org: string | null, project: string | null) {
  if (org === null) return { organization_id: null, project_id: null };
  const newest = [{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }];
  const organization = await trx('organizations').where({ slug: org }).orderBy(newest).first('id');
  if (!organization) return { organization_id: null, project_id: null };
  const found =
    project === null
      ? undefined
      : await trx('projects')
          .where({ organization_id: organization.id, slug: project })
          .orderBy(newest)
          .first('id');
  return { organization_id: organization.id as string, project_id: (found?.id as string) ?? null };
}

/** Append-only storage of the audit trail. There is deliberately no update or delete. */
export class AuditStore {
  constructor(private readonly db: Knex) {}

  /**
   * Appends one event inside the caller's transaction, chained to the previous event of its
   * organisation's chain (the platform chain for events of no organisation). Only that chain's
   * head is locked, so appends in other organisations go on meanwhile.
   */
  async append(trx: Knex.Transaction, event: NewAuditEvent): Promise<AuditEvent> {
    const org = fitOrNull(event.org, 63);
    const project = fitOrNull(event.project, 63);
    // Not in the hash: rows from before the ids existed were hashed without them.
    const holders = await holdersOf(trx, org, project);
    const chain = chainOf(holders.organization_id);
    const head = await this.lockChainHead(trx, chain);
    // Stamped once the head is locked, so times rise along a chain as ids do.
    const content: AuditHashContent = {
      occurredAt: new Date().toISOString(),
      actorRef: fit(event.actorRef, 255),
      action: fit(event.action, 100),
      resourceType: fit(event.resourceType, 50),
      resourceId: fitOrNull(event.resourceId, 255),
      org,
      project,
      outcome: event.outcome,
      message: fit(event.message),
      before: toJson(event.before),
      after: toJson(event.after),
      requestId: fitOrNull(event.requestId, 100),
      ip: fitOrNull(event.ip, 100),
      userAgent: fitOrNull(event.userAgent, 500),
    };
    const hash = computeAuditHash(head.last_hash, content);
    const row = {
      occurred_at: new Date(content.occurredAt),
      actor_ref: content.actorRef,
      action: content.action,
      resource_type: content.resourceType,
      resource_id: content.resourceId,
      org: content.org,
      project: content.project,
      outcome: content.outcome as AuditOutcome,
      message: content.message,
      before: content.before,
      after: content.after,
      request_id: content.requestId,
      ip: content.ip,
      user_agent: content.userAgent,
      ...holders,
      chain,
      prev_hash: head.last_hash,
      hash,
    };
    const [inserted] = await trx('audit_events').insert(row).returning('id');
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    await trx('audit_chain_heads').where({ chain }).update({ last_event_id: id, last_hash: hash });
    return toAuditEvent({ ...row, id });
  }

  /**
   * Locks the chain's head for the rest of the transaction (PostgreSQL; SQLite runs one write
   * transaction at a time). The first event of an organisation starts its chain: the head is
   * inserted if absent, which another replica may be doing at the same moment (the insert then
   * waits for theirs and does nothing), and then locked, so both end up on one head. A
   * transaction that appended to two chains would lock them in the order it appends; today a
   * change and its related events are all of one organisation.
   */
  private async lockChainHead(
    trx: Knex.Transaction,
    chain: string,
  ): Promise<{ last_hash: string }> {
    const locked = () => forUpdate(this.db, trx('audit_chain_heads').where({ chain }).first('last_hash'));
    const head = await locked();
    if (head) return head;
    await trx('audit_chain_heads')
      .insert({ chain, last_event_id: null, last_hash: GENESIS_HASH })
      .onConflict('chain')
      .ignore();
    return locked();
  }

  /** A page of events, newest first, matching every given filter. */
  async list(query: StoredAuditQuery, limit: number, beforeId?: number): Promise<AuditEvent[]> {
    const rows = await this.filtered(query)
      .modify(q => (beforeId !== undefined ? q.where('id', '<', beforeId) : q))
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(toAuditEvent);
  }

  /**
   * The newest events of some actions in an organisation (and project) whose `after` holds
   * `text`, e.g. the requests whose recorded violations name one policy.
   */
  async listMentioning(
    filter: { org: string; project?: string; actions: string[]; text: string },
    limit: number,
  ): Promise<AuditEvent[]> {
    const pattern = `%${filter.text.replace(/[\\%_]/g, c => `\\${c}`)}%`;
    const rows = await this.db<AuditRow>('audit_events')
      .where('org', filter.org)
      .modify(q => (filter.project ? q.where('project', filter.project) : q))
      .whereIn('action', filter.actions)
      .whereRaw("?? like ? escape '\\'", ['after', pattern])
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(toAuditEvent);
  }

  /** Every matching event, newest first, read in batches so memory stays flat. */
  async *stream(query: StoredAuditQuery, batchSize = 1000): AsyncGenerator<AuditEvent> {
    let beforeId: number | undefined;
    for (;;) {
      const batch = await this.list(query, batchSize, beforeId);
      yield* batch;
      if (batch.length < batchSize) return;
      beforeId = Number(batch[batch.length - 1].id);
    }
  }

  private filtered(query: StoredAuditQuery) {
    const q = this.db<AuditRow>('audit_events');
    if (query.actor) q.where('actor_ref', query.actor);
    if (query.action) q.where('action', query.action);
    if (query.resourceType) q.where('resource_type', query.resourceType);
    if (query.resourceId) q.where('resource_id', query.resourceId);
    if (query.organizationId) q.where('organization_id', query.organizationId);
    else if (query.org) q.where('org', query.org);
    if (query.project) q.where('project', query.project);
    if (query.outcome) q.where('outcome', query.outcome);
    if (query.from) q.where('occurred_at', '>=', new Date(query.from));
    if (query.to) q.where('occurred_at', '<', new Date(query.to));
    if (query.q) {
      if (databaseKind(this.db) === 'postgres') {
        // Matches the GIN index of the migration; words, not substrings.
        q.whereRaw("to_tsvector('simple', message) @@ plainto_tsquery('simple', ?)", [query.q]);
      } else {
        const pattern = `%${query.q.replace(/[\\%_]/g, c => `\\${c}`)}%`;
        q.whereRaw("lower(message) like lower(?) escape '\\'", [pattern]);
      }
    }
    return q;
  }
}

function toAuditEvent(row: AuditRow): AuditEvent {
  const parse = (value: string | null) => (value === null ? null : JSON.parse(value));
  return {
    id: String(row.id),
    occurredAt: toIso(row.occurred_at),
    actorRef: row.actor_ref,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    org: row.org,
    project: row.project,
    outcome: row.outcome,
    message: row.message,
    before: parse(row.before),
    after: parse(row.after),
    requestId: row.request_id,
    ip: row.ip,
    userAgent: row.user_agent,
    hash: row.hash,
  };
}
