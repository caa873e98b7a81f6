// @ts-check

/**
 * Local (`file://`) repositories and the organisation each was created for. Juanie records a
 * claim when the demo seed or the scaffolder creates a local repository for an organisation;
 * only that organisation may connect it. Keyed on the organisation's immutable id, so a slug
 * re-created after a deletion claims nothing of its predecessor's.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('repository_claims', table => {
    // The repository's directory as a `file://` URL, symbolic links resolved.
    table.string('url', 2048).primary();
    table.string('organization_id', 36).notNullable().references('id').inTable('organizations');
    table.string('claimed_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['organization_id']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('repository_claims');
};
