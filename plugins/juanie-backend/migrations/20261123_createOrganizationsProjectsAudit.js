// @ts-check

/**
 * Organisations, teams, projects, environments, repositories and the audit trail.
 * Timestamps are timezone-aware; organisations, teams, projects and environments are soft
 * deleted, so their slugs are unique only among the rows that are not deleted.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const timestamps = (/** @type {import('knex').Knex.CreateTableBuilder} */ table) => {
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  };

  await knex.schema.createTable('organizations', table => {
    table.string('id', 36).primary();
    table.string('slug', 63).notNullable();
    table.string('title', 200).notNullable();
    table.text('description').notNullable().defaultTo('');
    table.integer('quota_max_projects').nullable();
    table.integer('quota_max_environments_per_project').nullable();
    table.integer('quota_max_members').nullable();
    table.string('created_by', 255).notNullable();
    timestamps(table);
    table.timestamp('deleted_at', { useTz: true }).nullable();
  });
  await knex.raw(
    'CREATE UNIQUE INDEX organizations_slug_live ON organizations (slug) WHERE deleted_at IS NULL',
  );

  await knex.schema.createTable('organization_members', table => {
    table.string('organization_id', 36).notNullable().references('id').inTable('organizations');
    table.string('user_ref', 255).notNullable();
    table.string('role', 20).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['organization_id', 'user_ref']);
    table.index(['user_ref']);
  });

  await knex.schema.createTable('teams', table => {
    table.string('id', 36).primary();
    table.string('organization_id', 36).notNullable().references('id').inTable('organizations');
    table.string('slug', 63).notNullable();
    table.string('title', 200).notNullable();
    table.text('description').notNullable().defaultTo('');
    timestamps(table);
    table.timestamp('deleted_at', { useTz: true }).nullable();
  });
  await knex.raw(
    'CREATE UNIQUE INDEX teams_slug_live ON teams (organization_id, slug) WHERE deleted_at IS NULL',
  );

  await knex.schema.createTable('team_members', table => {
    table.string('team_id', 36).notNullable().references('id').inTable('teams');
    table.string('user_ref', 255).notNullable();
    table.string('role', 20).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['team_id', 'user_ref']);
    table.index(['user_ref']);
  });

  await knex.schema.createTable('projects', table => {
    table.string('id', 36).primary();
    table.string('organization_id', 36).notNullable().references('id').inTable('organizations');
    table.string('slug', 63).notNullable();
    table.string('title', 200).notNullable();
    table.text('description').notNullable().defaultTo('');
    table.timestamp('archived_at', { useTz: true }).nullable();
    timestamps(table);
    table.timestamp('deleted_at', { useTz: true }).nullable();
  });
  await knex.raw(
    'CREATE UNIQUE INDEX projects_slug_live ON projects (organization_id, slug) WHERE deleted_at IS NULL',
  );

  await knex.schema.createTable('project_members', table => {
    table.string('project_id', 36).notNullable().references('id').inTable('projects');
    table.string('principal_ref', 255).notNullable();
    table.string('role', 20).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['project_id', 'principal_ref']);
    table.index(['principal_ref']);
  });

  await knex.schema.createTable('team_projects', table => {
    table.string('project_id', 36).notNullable().references('id').inTable('projects');
    table.string('team_id', 36).notNullable().references('id').inTable('teams');
    table.string('role', 20).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['project_id', 'team_id']);
    table.index(['team_id']);
  });

  await knex.schema.createTable('repositories', table => {
    table.string('id', 36).primary();
    table.string('project_id', 36).notNullable().references('id').inTable('projects');
    table.string('provider', 20).notNullable();
    table.string('purpose', 20).notNullable();
    table.string('url', 1000).notNullable();
    table.string('default_branch', 255).nullable();
    table.string('head_commit', 64).nullable();
    table.timestamp('synced_at', { useTz: true }).nullable();
    table.string('status', 20).notNullable();
    table.string('status_reason', 100).nullable();
    table.text('status_message').nullable();
    table.timestamp('status_changed_at', { useTz: true }).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.unique(['project_id', 'url']);
  });

  await knex.schema.createTable('environments', table => {
    table.string('id', 36).primary();
    table.string('project_id', 36).notNullable().references('id').inTable('projects');
    table.string('slug', 63).notNullable();
    table.string('title', 200).notNullable();
    table.text('description').notNullable().defaultTo('');
    table.string('kind', 20).notNullable();
    table.integer('order').notNullable();
    table.string('cluster', 63).nullable();
    table.string('namespace', 63).nullable();
    table.integer('approval_required').notNullable().defaultTo(0);
    table.boolean('approval_allow_self').notNullable().defaultTo(false);
    table.string('approval_expires_after', 40).notNullable().defaultTo('P3D');
    timestamps(table);
    table.timestamp('deleted_at', { useTz: true }).nullable();
  });
  await knex.raw(
    'CREATE UNIQUE INDEX environments_slug_live ON environments (project_id, slug) WHERE deleted_at IS NULL',
  );

  await knex.schema.createTable('environment_approvers', table => {
    table.string('environment_id', 36).notNullable().references('id').inTable('environments');
    table.string('approver_ref', 255).notNullable();
    table.primary(['environment_id', 'approver_ref']);
  });

  // One GitOps target per environment; Flux's runtime state joins this row later.
  await knex.schema.createTable('gitops_resources', table => {
    table.string('id', 36).primary();
    table
      .string('environment_id', 36)
      .notNullable()
      .unique()
      .references('id')
      .inTable('environments');
    table.string('repository_id', 36).notNullable().references('id').inTable('repositories');
    table.string('branch', 255).notNullable();
    table.string('path', 500).notNullable();
    timestamps(table);
  });

  await knex.schema.createTable('audit_events', table => {
    table.bigIncrements('id').primary();
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.string('actor_ref', 255).notNullable();
    table.string('action', 100).notNullable();
    table.string('resource_type', 50).notNullable();
    table.string('resource_id', 255).nullable();
    table.string('org', 63).nullable();
    table.string('project', 63).nullable();
    table.string('outcome', 20).notNullable();
    table.text('message').notNullable();
    table.text('before').nullable();
    table.text('after').nullable();
    table.string('request_id', 100).nullable();
    table.string('ip', 100).nullable();
    table.string('user_agent', 500).nullable();
    table.string('prev_hash', 64).notNullable();
    table.string('hash', 64).notNullable();
    table.index(['occurred_at']);
    table.index(['org', 'id']);
    table.index(['project', 'id']);
    table.index(['actor_ref', 'id']);
    table.index(['action', 'id']);
    table.index(['resource_type', 'resource_id']);
  });

  // Free-text search of the trail: a word index on PostgreSQL (SQLite searches by substring).
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      "CREATE INDEX audit_events_message_words ON audit_events USING gin (to_tsvector('simple', message))",
    );
  }

  // The head of the hash chain; appending locks this row so the chain never forks.
  await knex.schema.createTable('audit_chain_head', table => {
    table.integer('id').primary();
    table.bigInteger('last_event_id').nullable();
    table.string('last_hash', 64).notNullable();
  });
  await knex('audit_chain_head').insert({ id: 1, last_event_id: null, last_hash: '0'.repeat(64) });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'audit_chain_head',
    'audit_events',
    'gitops_resources',
    'environment_approvers',
    'environments',
    'repositories',
    'team_projects',
    'project_members',
    'projects',
    'team_members',
    'teams',
    'organization_members',
    'organizations',
  ]) {
    await knex.schema.dropTable(table);
  }
};
