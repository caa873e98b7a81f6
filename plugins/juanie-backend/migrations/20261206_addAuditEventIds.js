// @ts-check

/**
 * Audit events name their organisation and project by immutable id as well as by slug: a slug
 * is free again once its organisation is deleted, and whoever takes it must not read the old
 * organisation's trail.
 *
 * Existing rows get the id of the organisation (and project) that held the slug when the event
 * happened: the one created most recently at or before the event, since a slug is held by one
 * live organisation at a time. The trail records the same rule for new rows (AuditStore).
 * Events older than any holder (refusals about slugs that did not exist) keep a null id, which
 * only the platform admins' unfiltered reads show. The ids are not covered by the rows' hashes:
 * the hashes of existing rows were computed without them and the chain must still verify.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('audit_events', table => {
    table.string('organization_id', 36).nullable();
    table.string('project_id', 36).nullable();
    table.index(['organization_id', 'id'], 'audit_events_organization_id_id');
    table.index(['project_id', 'id'], 'audit_events_project_id_id');
  });

  /**
   * Sets `column` on the events of each holder of a slug, from its creation until the next
   * holder's. `holders` are ordered by creation within each key.
   * @param {string} column
   * @param {Array<{ id: string; key: string; created_at: unknown }>} holders
   * @param {(query: import('knex').Knex.QueryBuilder, key: string) => void} matching
   */
  async function backfill(column, holders, matching) {
    for (const [index, holder] of holders.entries()) {
      const next = holders[index + 1]?.key === holder.key ? holders[index + 1] : undefined;
      const query = knex('audit_events').where('occurred_at', '>=', toDate(holder.created_at));
      matching(query, holder.key);
      if (next) query.where('occurred_at', '<', toDate(next.created_at));
      await query.update({ [column]: holder.id });
    }
  }

  const orgs = await knex('organizations')
    .select('id', 'slug as key', 'created_at')
    .orderBy([{ column: 'slug' }, { column: 'created_at' }, { column: 'id' }]);
  await backfill('organization_id', orgs, (query, slug) => query.where('org', slug));

  const projects = (
    await knex('projects')
      .select('id', 'organization_id', 'slug', 'created_at')
      .orderBy([{ column: 'organization_id' }, { column: 'slug' }, { column: 'created_at' }, { column: 'id' }])
  ).map(project => ({ ...project, key: `${project.organization_id}/${project.slug}` }));
  await backfill('project_id', projects, (query, key) => {
    const [organizationId, slug] = key.split('/');
    query.where({ organization_id: organizationId, project: slug });
  });
};

/** Timestamps as SQLite returns them (milliseconds) or PostgreSQL (Date), as a Date. */
function toDate(/** @type {unknown} */ value) {
  return value instanceof Date ? value : new Date(/** @type {string | number} */ (value));
}

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('audit_events', table => {
    table.dropIndex(['organization_id', 'id'], 'audit_events_organization_id_id');
    table.dropIndex(['project_id', 'id'], 'audit_events_project_id_id');
  });
  await knex.schema.alterTable('audit_events', table => {
    table.dropColumn('organization_id');
    table.dropColumn('project_id');
  });
};
