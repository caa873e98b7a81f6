// @ts-check

/**
 * Deployments, their approvals and timeline, and the durable job queue that commits them.
 * One commit field per deployment; status + reason + message + time of the last change.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployments', table => {
    table.string('id', 36).primary();
    table.string('project_id', 36).notNullable().references('id').inTable('projects');
    table.string('environment_id', 36).notNullable().references('id').inTable('environments');
    // 'juanie' (requested here), 'git' (pushed straight to the branch), 'rollback'
    table.string('method', 20).notNullable();
    table.string('requested_by', 255).notNullable();
    table.string('workload', 255).nullable();
    // The requested change, validated by zod on read and write; nobody queries inside it.
    table.text('changes').nullable();
    table.string('rollback_of', 36).nullable();
    table.text('message').notNullable();
    table.string('base_revision', 64).nullable();
    table.string('commit_sha', 64).nullable();
    table.string('status', 30).notNullable();
    table.string('status_reason', 100).nullable();
    table.text('status_message').nullable();
    table.timestamp('status_changed_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['project_id', 'created_at']);
    table.index(['environment_id', 'status']);
    table.index(['status', 'expires_at']);
    // A commit becomes at most one deployment per environment, however many replicas watch.
    table.unique(['environment_id', 'commit_sha']);
  });

  await knex.schema.createTable('deployment_approvals', table => {
    table.string('deployment_id', 36).notNullable().references('id').inTable('deployments');
    table.string('approver_ref', 255).notNullable();
    table.string('decision', 10).notNullable();
    table.text('comment').notNullable().defaultTo('');
    table.timestamp('created_at', { useTz: true }).notNullable();
    // One vote per person, enforced by the database as well as by the service.
    table.primary(['deployment_id', 'approver_ref']);
  });

  await knex.schema.createTable('deployment_events', table => {
    table.bigIncrements('id').primary();
    table.string('deployment_id', 36).notNullable().references('id').inTable('deployments');
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.string('type', 50).notNullable();
    table.string('actor_ref', 255).notNullable();
    table.string('status', 30).nullable();
    table.text('message').notNullable();
    table.index(['deployment_id', 'id']);
  });

  await knex.schema.createTable('jobs', table => {
    table.string('id', 36).primary();
    table.string('kind', 50).notNullable();
    // Jobs with the same key run one at a time across replicas (e.g. one writer per repository).
    table.string('serial_key', 255).nullable();
    table.text('payload').notNullable();
    table.string('status', 20).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.timestamp('run_after', { useTz: true }).notNullable();
    table.string('locked_by', 100).nullable();
    table.timestamp('locked_until', { useTz: true }).nullable();
    table.text('last_error').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['status', 'run_after']);
    table.index(['serial_key', 'status']);
  });

  // The lease that makes jobs of one serial key run one at a time; an expired lease means the
  // replica holding it died, and its job goes back to the queue.
  await knex.schema.createTable('job_locks', table => {
    table.string('serial_key', 255).primary();
    table.string('job_id', 36).notNullable();
    table.string('locked_by', 100).notNullable();
    table.timestamp('locked_until', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('job_locks');
  await knex.schema.dropTable('jobs');
  await knex.schema.dropTable('deployment_events');
  await knex.schema.dropTable('deployment_approvals');
  await knex.schema.dropTable('deployments');
};
