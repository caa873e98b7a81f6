import { ResponseError } from '@backstage/errors';
import type { PolicyViolation } from '@juanie/plugin-juanie-common';

/**
 * The policy violations that made the back end refuse a deployment (a 422 with
 * `violations`), or undefined for any other error.
 * @public
 */
export function policyViolationsOf(
  error: unknown,
): PolicyViolation[] | undefined {
  if (!ResponseError.is(error)) return undefined;
  const { violations } = error.body as { violations?: unknown };
  return Array.isArray(violations) ? violations : undefined;
}
