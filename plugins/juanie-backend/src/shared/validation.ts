import { InputError } from '@backstage/errors';
import { slugSchema } from '@juanie/plugin-juanie-common';
import { z } from 'zod';

const pathOf = (path: PropertyKey[]) => (path.length ? path.join('.') : '(whole value)');

/**
 * Parses client input with a zod schema; a failure becomes a 400 that names every field
 * that is wrong, so a client can fix all of them at once.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(value ?? {});
  const problems = result.success
    ? nulCharacterPaths(result.data).map(path => `${path}: must not contain NUL characters`)
    : result.error.issues.map(issue => `${pathOf(issue.path)}: ${issue.message}`);
  if (result.success && problems.length === 0) return result.data;
  throw new InputError(`Invalid ${what}: ${problems.join('; ')}`);
}

/** PostgreSQL cannot store U+0000 in text; SQLite could, so it is refused on both. */
function nulCharacterPaths(value: unknown, path: PropertyKey[] = []): string[] {
  if (typeof value === 'string') return value.includes('\0') ? [pathOf(path)] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => nulCharacterPaths(child, [...path, key]));
}

/**
 * True when a path parameter can name an organisation, team, project or environment; anything
 * else cannot exist, and is not worth a query (PostgreSQL refuses NUL characters outright).
 */
export function isSlug(value: string): boolean {
  return slugSchema.safeParse(value).success;
}
