// @ts-check

/**
 * Clusters are tenanted (docs/tenancy.md, issue 12 rules 1 and 2):
 * - `flux_objects.environment_id`: the `juanie.io/environment-id` label of a Flux object, so
 *   that an object is tied to an environment by its immutable id, not by slugs that a deleted
 *   organisation frees for anyone.
 * - `gitops_resources.flux_granted_by`: the platform admin who mapped the environment to a Flux
 *   object outside its own namespace. An environment reaches such an object only with this set;
 *   mappings stored before (by anyone) do not reach outside the namespace any more.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('flux_objects', table => {
    table.string('environment_id', 36).nullable();
    table.index(['cluster', 'environment_id'], 'flux_objects_cluster_environment_id');
  });
  await knex.schema.alterTable('gitops_resources', table => {
    table.string('flux_granted_by', 255).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('gitops_resources', table => {
    table.dropColumn('flux_granted_by');
  });
  await knex.schema.alterTable('flux_objects', table => {
    table.dropIndex(['cluster', 'environment_id'], 'flux_objects_cluster_environment_id');
    table.dropColumn('environment_id');
  });
};
