import { InputError } from '@backstage/errors';
import { z } from 'zod';

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
  if (result.success) return result.data;
  const problems = result.error.issues.map(issue => {
    const path = issue.path.length ? issue.path.join('.') : '(whole value)';
    return `${path}: ${issue.message}`;
  });
  throw new InputError(`Invalid ${what}: ${problems.join('; ')}`);
}
