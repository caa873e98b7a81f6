// @ts-check

/**
 * Policies: rules a deployment must pass, scoped to an organisation, a project or one
 * environment, and inherited downwards. `params` is JSON text that the rule type's zod schema
 * validates on every write and read.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('policies', table => {
    table.string('id', 36).primary();
    table.string('organization_id', 36).notNullable().references('id').inTable('organizations');
    table.string('project_id', 36).nullable().references('id').inTable('projects');
    table.string('environment_id', 36).nullable().references('id').inTable('environments');
    table.string('type', 100).notNullable();
    table.text('params').notNullable();
    table.string('enforcement', 10).notNullable();
    table.boolean('enabled').notNullable().defaultTo(true);
    table.string('title', 200).notNullable();
    table.text('description').notNullable().defaultTo('');
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('updated_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['organization_id']);
    table.index(['project_id']);
    table.index(['environment_id']);
    // An environment's policy also names its project, so listing a project finds it.
    table.check('?? IS NULL OR ?? IS NOT NULL', ['environment_id', 'project_id'], 'policies_environment_has_project');
    table.check("?? IN ('enforce', 'warn')", ['enforcement'], 'policies_enforcement');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('policies');
};
