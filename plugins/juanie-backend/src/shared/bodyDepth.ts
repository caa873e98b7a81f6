import { InputError } from '@backstage/errors';
import { isNestedDeeperThan, MAX_JSON_DEPTH } from '@juanie/plugin-juanie-common';
import { RequestHandler } from 'express';

/**
 * Refuses a parsed JSON body that nests deeper than {@link MAX_JSON_DEPTH}, before any route
 * walks it: validation, merge patches and the audit trail are recursive, and a 15,000-deep body
 * would overflow the stack into a 500.
 */
export function refuseDeepBodies(): RequestHandler {
  return (req, _res, next) => {
    if (isNestedDeeperThan(req.body, MAX_JSON_DEPTH)) {
      throw new InputError(
        `Invalid request body: objects and arrays nest more than ${MAX_JSON_DEPTH} levels deep`,
      );
    }
    next();
  };
}
