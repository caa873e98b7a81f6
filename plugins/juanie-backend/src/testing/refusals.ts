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

/**
 * Sends the request and checks that it was refused as expected and changed nothing: the
 * domain tables are as before, and the audit trail gained exactly the one refusal event
 * (or nothing at all, for reads).
 */
export async function expectRefusedWithoutChange(
  knex: Knex,
  send: () => PromiseLike<Response>,
  expected: ExpectedRefusal,
) {
  const before = await snapshotDomainTables(knex);
  const lastId = await lastAuditId(knex);

  const response = await send();

  expect({ status: response.status, body: response.body }).toMatchObject({
    status: expected.status,
    body: { error: { message: expect.stringMatching(expected.message) } },
  });
  expect(await snapshotDomainTables(knex)).toEqual(before);
  const events = await auditRowsAfter(knex, lastId);
  expect(events.map(event => event.outcome)).toEqual(expected.outcome ? [expected.outcome] : []);
}
