// @ts-check

/**
 * What Juanie needs of a HelmRelease's status to follow a deployment through helm-controller
 * (API v2): the generation its Ready condition describes, the values digest and generation of the last attempt, the latest release of its
 * history (status, chart version, values digest, release digest) and the Kustomization that
 * applied it (kustomize-controller's `kustomize.toolkit.fluxcd.io/name` and `/namespace`
 * labels). Null for other kinds.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('flux_objects', table => {
    // The generation the Ready condition describes (its observedGeneration).
    table.bigInteger('ready_observed_generation').nullable();
    table.bigInteger('last_attempted_generation').nullable();
    table.string('last_attempted_config_digest', 100).nullable();
    // status.history[0]: the newest release helm-controller made.
    table.string('release_status', 30).nullable();
    table.string('release_chart_version', 300).nullable();
    table.string('release_config_digest', 100).nullable();
    table.string('release_digest', 100).nullable();
    table.string('applied_by_namespace', 63).nullable();
    table.string('applied_by_name', 253).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const column of [
    'ready_observed_generation',
    'last_attempted_generation',
    'last_attempted_config_digest',
    'release_status',
    'release_chart_version',
    'release_config_digest',
    'release_digest',
    'applied_by_namespace',
    'applied_by_name',
  ]) {
    await knex.raw(`ALTER TABLE flux_objects DROP COLUMN ${column}`);
  }
};
