// @ts-check

/**
 * What the Flux watchers see in the clusters. `flux_objects` holds the last observed state of
 * every Flux object Juanie follows (one row per cluster, kind, namespace and name, written
 * idempotently by every replica); `gitops_resources` says which of them reconcile an
 * environment (explicitly, or by the `juanie.io/environment` label). `clusters` holds each
 * configured cluster's reachability and Flux health, so pages never wait on a cluster.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('gitops_resources', table => {
    // Explicit mapping to the workload that applies the path; null: found by label.
    table.string('flux_kind', 30).nullable();
    table.string('flux_namespace', 63).nullable();
    table.string('flux_name', 253).nullable();
    // ISO 8601 duration after which a committed deployment that is not healthy fails.
    table.string('reconcile_timeout', 40).nullable();
    // When the maintainers were told the environment keeps failing (once per failing streak).
    table.timestamp('failure_notified_at', { useTz: true }).nullable();
  });

  await knex.schema.createTable('flux_objects', table => {
    table.bigIncrements('id').primary();
    table.string('cluster', 63).notNullable();
    table.string('kind', 30).notNullable();
    table.string('namespace', 63).notNullable();
    table.string('name', 253).notNullable();
    table.string('uid', 64).nullable();
    table.string('resource_version', 64).nullable();
    table.bigInteger('generation').nullable();
    table.bigInteger('observed_generation').nullable();
    // `<org>.<project>.<env>` from the juanie.io/environment label, when present.
    table.string('environment_label', 200).nullable();
    table.boolean('suspended').notNullable().defaultTo(false);
    // JSON array of conditions (type, status, reason, message, lastTransitionTime).
    table.text('conditions').notNullable().defaultTo('[]');
    table.string('ready_status', 10).nullable();
    table.string('ready_reason', 100).nullable();
    table.text('ready_message').nullable();
    table.string('last_applied_revision', 300).nullable();
    table.string('last_attempted_revision', 300).nullable();
    table.string('artifact_revision', 300).nullable();
    table.string('last_handled_reconcile_at', 100).nullable();
    // A workload's source (spec.sourceRef).
    table.string('source_kind', 30).nullable();
    table.string('source_namespace', 63).nullable();
    table.string('source_name', 253).nullable();
    table.timestamp('last_applied_changed_at', { useTz: true }).nullable();
    table.timestamp('observed_at', { useTz: true }).notNullable();
    table.timestamp('deleted_at', { useTz: true }).nullable();
    table.unique(['cluster', 'kind', 'namespace', 'name']);
    table.index(['environment_label']);
  });

  await knex.schema.createTable('clusters', table => {
    table.string('name', 63).primary();
    table.boolean('reachable').notNullable().defaultTo(false);
    table.text('error').nullable();
    // JSON: controllers and CRDs of Flux, as last checked.
    table.text('flux').nullable();
    table.timestamp('checked_at', { useTz: true }).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('clusters');
  await knex.schema.dropTable('flux_objects');
  for (const column of ['flux_kind', 'flux_namespace', 'flux_name', 'reconcile_timeout', 'failure_notified_at']) {
    await knex.raw(`ALTER TABLE gitops_resources DROP COLUMN ${column}`);
  }
};
