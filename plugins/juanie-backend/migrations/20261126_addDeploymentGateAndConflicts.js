// @ts-check

/**
 * A deployment keeps the approval rule it was requested under (changing the environment's rule
 * later does not move the goalposts of pending requests), and the conflicts that failed it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    // JSON, validated by zod on read: the environment's approval rule when requested.
    table.text('approval_rule').nullable();
    // JSON list of conflicts (file, document, path, base, theirs, yours) when a commit failed.
    table.text('conflicts').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  // Plain DROP COLUMN (SQLite 3.35+, PostgreSQL): knex's SQLite emulation rebuilds the table,
  // which the foreign keys of approvals and events refuse.
  await knex.raw('ALTER TABLE deployments DROP COLUMN approval_rule');
  await knex.raw('ALTER TABLE deployments DROP COLUMN conflicts');
};
