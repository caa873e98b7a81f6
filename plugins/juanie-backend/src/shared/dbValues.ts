import { Knex } from 'knex';

/**
 * SQLite hands timestamps back as epoch numbers or strings, PostgreSQL as Dates;
 * the API always answers ISO 8601 in UTC.
 */
export function toIso(value: Date | string | number): string {
  return new Date(value).toISOString();
}

/** Like {@link toIso} for nullable columns. */
export function toIsoOrNull(value: Date | string | number | null | undefined): string | null {
  return value === null || value === undefined ? null : toIso(value);
}

/** SQLite stores booleans as 0 and 1. */
export function toBoolean(value: boolean | number | null | undefined): boolean {
  return value === true || value === 1;
}

/** Which of the two supported databases a knex instance talks to. */
export function databaseKind(knex: Knex): 'sqlite' | 'postgres' {
  const client = String(knex.client.config.client);
  return client.includes('sqlite') ? 'sqlite' : 'postgres';
}

/**
 * Locks a row for the rest of the transaction on PostgreSQL. SQLite needs no lock: it runs
 * one write transaction at a time.
 */
export function forUpdate<T extends Knex.QueryBuilder>(knex: Knex, query: T): T {
  return databaseKind(knex) === 'postgres' ? (query.forUpdate() as T) : query;
}

/**
 * True for a unique or primary key violation: two requests created the same thing at once,
 * after both had checked that it did not exist yet.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return (
    code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
