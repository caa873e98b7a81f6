// @ts-check
const { createHash } = require('node:crypto');

const PLATFORM_CHAIN = 'platform';
const GENESIS_HASH = '0'.repeat(64);
const BATCH_SIZE = 1000;

/**
 * One audit hash chain per organisation, plus one for platform events (those of no
 * organisation), instead of one chain for the whole trail: appending locks only the chain's own
 * head, so writes in different organisations never wait for each other, and each chain is
 * verified on its own.
 *
 * - `audit_events.chain`: the organisation's immutable id (`organization_id`), or `platform`.
 * - `audit_chain_heads`: one head per chain (its last event and hash), replacing the single
 *   `audit_chain_head` row.
 * - `audit_chain_verifications`: the last verification of each chain.
 *
 * Existing rows join their organisation's chain (or the platform chain) and are re-linked: each
 * row's `prev_hash` becomes the hash of the previous row of its own chain, so its `hash` (which
 * covers `prev_hash`) is computed again, and so is every later hash of the chain. Re-linking must
 * not launder tampering done before the migration, so each row is first checked against the
 * chain it was in (the old rule: its stored `prev_hash` is its old predecessor's stored hash, and
 * its stored hash matches its content). Only rows that pass are re-hashed; a row that fails
 * keeps its stored hash, which does not match its new predecessor, so verifying its new chain
 * names that same row. The content of every row, and every row, stays as it was.
 *
 * `down` runs the same walk the other way, into one chain again.
 *
 * The hash rule is repeated here rather than imported: a migration must keep doing what it did
 * when it was written, whatever the code does later.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('audit_events', table => {
    table.string('chain', 36).notNullable().defaultTo(PLATFORM_CHAIN);
    table.index(['chain', 'id'], 'audit_events_chain_id');
  });
  await knex('audit_events').whereNotNull('organization_id').update({ chain: knex.ref('organization_id') });

  await knex.schema.createTable('audit_chain_heads', table => {
    table.string('chain', 36).primary();
    table.bigInteger('last_event_id').nullable();
    table.string('last_hash', 64).notNullable();
  });
  await knex.schema.createTable('audit_chain_verifications', table => {
    table.string('chain', 36).primary();
    table.timestamp('verified_at', { useTz: true }).notNullable();
    table.string('verified_by', 255).notNullable();
    table.boolean('held').notNullable();
    table.bigInteger('events_checked').notNullable();
    table.bigInteger('first_broken_event_id').nullable();
    table.text('first_broken_message').nullable();
  });

  const heads = await relink(knex, () => 'global', row => row.chain);
  if (heads.size > 0) {
    await knex.batchInsert(
      'audit_chain_heads',
      [...heads].map(([chain, head]) => ({ chain, last_event_id: head.id, last_hash: head.hash })),
      500,
    );
  }
  await knex.schema.dropTable('audit_chain_head');
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.createTable('audit_chain_head', table => {
    table.integer('id').primary();
    table.bigInteger('last_event_id').nullable();
    table.string('last_hash', 64).notNullable();
  });
  const heads = await relink(knex, row => row.chain, () => 'global');
  const global = heads.get('global');
  await knex('audit_chain_head').insert({
    id: 1,
    last_event_id: global?.id ?? null,
    last_hash: global?.hash ?? GENESIS_HASH,
  });
  await knex.schema.dropTable('audit_chain_verifications');
  await knex.schema.dropTable('audit_chain_heads');
  await knex.schema.alterTable('audit_events', table => {
    table.dropIndex(['chain', 'id'], 'audit_events_chain_id');
  });
  await knex.schema.alterTable('audit_events', table => {
    table.dropColumn('chain');
  });
};

/**
 * @typedef {{ id: number | string; chain: string; prev_hash: string; hash: string } & Record<string, any>} Row
 */

/**
 * Walks every event in id order (a chain's order, since appending to a chain is serialised by
 * its head) and re-links it from the chain `oldChainOf` names into the one `newChainOf` names.
 * Rows whose old link does not hold keep their stored hash (see the top of the file). Answers
 * the head of each new chain.
 *
 * @param {import('knex').Knex} knex
 * @param {(row: Row) => string} oldChainOf
 * @param {(row: Row) => string} newChainOf
 */
async function relink(knex, oldChainOf, newChainOf) {
  /** @type {Map<string, string>} the last stored hash of each old chain */
  const oldHeads = new Map();
  /** @type {Map<string, { id: number | string; hash: string }>} */
  const newHeads = new Map();
  for (let afterId = 0; ; ) {
    /** @type {Row[]} */
    const rows = await knex('audit_events').where('id', '>', afterId).orderBy('id').limit(BATCH_SIZE);
    for (const row of rows) {
      const oldChain = oldChainOf(row);
      const held =
        row.prev_hash === (oldHeads.get(oldChain) ?? GENESIS_HASH) && row.hash === hashOf(row.prev_hash, row);
      oldHeads.set(oldChain, row.hash);

      const newChain = newChainOf(row);
      const prevHash = newHeads.get(newChain)?.hash ?? GENESIS_HASH;
      const hash = held ? hashOf(prevHash, row) : row.hash;
      newHeads.set(newChain, { id: row.id, hash });
      if (prevHash !== row.prev_hash || hash !== row.hash) {
        await knex('audit_events').where({ id: row.id }).update({ prev_hash: prevHash, hash });
      }
    }
    if (rows.length < BATCH_SIZE) return newHeads;
    afterId = Number(rows[rows.length - 1].id);
  }
}

/**
 * The hash of an audit row as `auditHash.ts` computed it when this migration was written.
 * @param {string} prevHash
 * @param {Row} row
 */
function hashOf(prevHash, row) {
  const canonical = JSON.stringify([
    prevHash,
    new Date(row.occurred_at).toISOString(),
    row.actor_ref,
    row.action,
    row.resource_type,
    row.resource_id,
    row.org,
    row.project,
    row.outcome,
    row.message,
    row.before,
    row.after,
    row.request_id,
    row.ip,
    row.user_agent,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
