import { Knex } from 'knex';
import { Response } from 'supertest';
import { auditRowsAfter, lastAuditId, snapshotDomainTables } from './databaseState';

/** How the API must refuse a request. */
export interface ExpectedRefusal {
  status: 400 | 403 | 404 | 409;
  /** What the error message must say, e.g. the name of the wrong field. */
  message: RegExp;
  /** The outcome of the one audit event a refused change writes; reads write none. */
  outcome?: 'invalid' | 'denied' | 'conflict';
}

/** What an attempt did: its answer, which domain tables it changed, what it audited. */
export interface Attempt {
  status: number;
  message: string | undefined;
  changedTables: string[];
  auditOutcomes: string[];
}

/** Sends the request and reports what it did to the database and the audit trail. */
export async function attempt(knex: Knex, send: () => PromiseLike<Response>): Promise<Attempt> {
  const before = await snapshotDomainTables(knex);
  const lastId = await lastAuditId(knex);

  const response = await send();

  const after = await snapshotDomainTables(knex);
  return {
    status: response.status,
    message: response.body?.error?.message,
    changedTables: Object.keys(after).filter(
      table => JSON.stringify(after[table]) !== JSON.stringify(before[table]),
    ),
    auditOutcomes: (await auditRowsAfter(knex, lastId)).map(event => event.outcome),
  };
}

/**
 * The {@link Attempt} of a request refused as expected that changed nothing: no domain table
 * changed, and the audit trail gained exactly the one refusal event (nothing, for reads).
 */
export function refusedWithoutChange(expected: ExpectedRefusal): Attempt {
  return {
    status: expected.status,
    message: expect.stringMatching(expected.message),
    changedTables: [],
    auditOutcomes: expected.outcome ? [expected.outcome] : [],
  };
}

/** {@link attempt} and the expectation of {@link refusedWithoutChange}, in one step. */
export async function expectRefusedWithoutChange(
  knex: Knex,
  send: () => PromiseLike<Response>,
  expected: ExpectedRefusal,
) {
  expect(await attempt(knex, send)).toEqual(refusedWithoutChange(expected));
}

/** A 400 for input that does not fit the schema: audited as `invalid`. */
export const invalid = (message: RegExp): ExpectedRefusal => ({ status: 400, message, outcome: 'invalid' });
/** A 404 for something the request names that does not exist: audited as `invalid`. */
export const notFound = (message: RegExp): ExpectedRefusal => ({ status: 404, message, outcome: 'invalid' });
/** A 409 for a rule the change would break: audited as `conflict`. */
export const conflict = (message: RegExp): ExpectedRefusal => ({ status: 409, message, outcome: 'conflict' });
/** A 403 for a caller without the permission: audited as `denied`. */
export const denied = (message: RegExp): ExpectedRefusal => ({ status: 403, message, outcome: 'denied' });
/** A 400 for a read: nothing is audited. */
export const badQuery = (message: RegExp): ExpectedRefusal => ({ status: 400, message });
