import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  AuditChainState,
  AuditChainVerification,
  AuditEvent,
  auditQuerySchema,
  AuditScope,
  juanieAuditReadAllPermission,
  juanieContract,
  juanieOrganizationAuditReadPermission,
  juanieOrganizationAuditVerifyPermission,
  juanieOrganizationReadPermission,
  pageQuerySchema,
} from '@juanie/plugin-juanie-common';
import { stringify } from 'csv-stringify';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AccessControl } from '../access/AccessControl';
import { Callers } from '../access/Callers';
import { OrganizationService, unknownOrganization } from '../orgs/OrganizationService';
import { decodeCursor, encodeCursor } from '../shared/cursor';
import { parseInput } from '../shared/validation';
import { PLATFORM_CHAIN } from './auditChains';
import { AuditChainVerifier } from './AuditChainVerifier';
import { AuditStore, StoredAuditQuery } from './AuditStore';
import { auditScopeOf } from './auditScope';
import { operationRouter } from '../service/serveOperation';

const CSV_COLUMNS: Array<keyof AuditEvent> = [
  'id',
  'occurredAt',
  'actorRef',
  'action',
  'resourceType',
  'resourceId',
  'org',
  'project',
  'outcome',
  'message',
  'before',
  'after',
  'requestId',
  'ip',
  'userAgent',
  'hash',
];

/** What a spreadsheet reads as the start of a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell a spreadsheet would evaluate gets a leading `'`, so it opens as text: user agents,
 * request ids and messages in the trail come from callers, and an export is opened by admins.
 */
function escapeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * `GET /audit`, `/audit/scope`, `/audit/export`, and the verification of the hash chains: each
 * organisation's (`/orgs/{org}/audit/verify` and `/verification`) and the platform's
 * (`/audit/verify` and `/verification`). There is no route that changes a row of the trail;
 * verifying stores its result beside the trail, not in it (it changes nothing the trail records,
 * and the scheduled runs would otherwise fill every chain with their own events).
 */
export function createAuditRouter(deps: {
  httpAuth: HttpAuthService;
  callers: Callers;
  access: AccessControl;
  orgs: OrganizationService;
  store: AuditStore;
  verifier: AuditChainVerifier;
}) {
  const { httpAuth, callers, access, orgs, store, verifier } = deps;
  const { router, serve } = operationRouter();

  /** Reading one organisation's trail needs its audit permission; everything else, read-all. */
  async function authorizedQuery(req: Parameters<typeof httpAuth.credentials>[0]) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { limit, cursor, format, ...filters } = req.query as Record<string, unknown>;
    const query = parseInput(auditQuerySchema, filters, 'audit query');
    let stored: StoredAuditQuery = query;
    if (query.org) {
      await access.require(credentials, juanieOrganizationAuditReadPermission, query.org);
      // By id: events of a deleted organisation that held the same slug are not this one's.
      // Only readers of the whole trail read a deleted organisation's events, by its slug.
      const org = await orgs.get(query.org).catch(async error => {
        if (await access.can(credentials, juanieAuditReadAllPermission)) return undefined;
        throw error;
      });
      if (org) stored = { ...query, organizationId: org.id };
    } else {
      await access.require(credentials, juanieAuditReadAllPermission);
    }
    return { query: stored, page: parseInput(pageQuerySchema, { limit, cursor }, 'page'), format };
  }

  serve(juanieContract.listAuditEvents, async ({ req }) => {
    const { query, page } = await authorizedQuery(req);
    const beforeId = decodeCursor<number>(page.cursor, 'number');
    const rows = await store.list(query, page.limit + 1, beforeId);
    const items = rows.slice(0, page.limit);
    return ({
      items,
      ...(rows.length > page.limit
        ? { nextCursor: encodeCursor(Number(items[items.length - 1].id)) }
        : {}),
    });
  });

  // Any signed-in user may ask; the answer is what the permissions let them read, maybe nothing.
  serve(juanieContract.getAuditScope, async ({ req }) => {
    const scope: AuditScope = await auditScopeOf(await callers.of(req), { access, orgs });
    return scope;
  });

  serve(juanieContract.exportAuditEvents, async ({ req, res }) => {
    const { query, format } = await authorizedQuery(req);
    if (format !== 'csv' && format !== 'ndjson') {
      throw new InputError('Invalid export: format must be csv or ndjson');
    }
    const events = Readable.from(store.stream(query));
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    res.setHeader('Content-Disposition', `attachment; filename="juanie-audit-${stamp}.${format}"`);
    if (format === 'csv') {
      res.type('text/csv');
      const csv = stringify({
        header: true,
        columns: CSV_COLUMNS,
        cast: {
          string: value => ({ value: escapeFormula(value), quoted: true }),
          object: value => ({ value: escapeFormula(JSON.stringify(value)), quoted: true }),
        },
      });
      await pipeline(events, csv, res);
    } else {
      res.type('application/x-ndjson');
      const ndjson = new Transform({
        writableObjectMode: true,
        transform(event, _encoding, done) {
          done(null, `${JSON.stringify(event)}\n`);
        },
      });
      await pipeline(events, ndjson, res);
    }
  });

  /**
   * The chain of an organisation the caller sees (else the 404 of an unknown organisation), once
   * they hold `permission` on it (else a 403).
   */
  async function organizationChain(
    req: Parameters<typeof httpAuth.credentials>[0] & { params: { org: string } },
    permission: typeof juanieOrganizationAuditReadPermission,
  ) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const org = await orgs.get(req.params.org);
    await access.requireVisible(credentials, juanieOrganizationReadPermission, org.slug, () =>
      unknownOrganization(req.params.org),
    );
    await access.require(credentials, permission, org.slug);
    return { chain: org.id, verifiedBy: credentials.principal.userEntityRef };
  }

  async function platformChain(req: Parameters<typeof httpAuth.credentials>[0]) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await access.require(credentials, juanieAuditReadAllPermission);
    return { chain: PLATFORM_CHAIN, verifiedBy: credentials.principal.userEntityRef };
  }

  serve(juanieContract.verifyOrganizationAuditChain, async ({ req }) => {
    const { chain, verifiedBy } = await organizationChain(req, juanieOrganizationAuditVerifyPermission);
    const body: AuditChainVerification = await verifier.verify(chain, verifiedBy);
    return body;
  });

  serve(juanieContract.getOrganizationAuditVerification, async ({ req }) => {
    const { chain } = await organizationChain(req, juanieOrganizationAuditReadPermission);
    const body: AuditChainState = { lastVerification: await verifier.last(chain) };
    return body;
  });

  serve(juanieContract.verifyPlatformAuditChain, async ({ req }) => {
    const { chain, verifiedBy } = await platformChain(req);
    const body: AuditChainVerification = await verifier.verify(chain, verifiedBy);
    return body;
  });

  serve(juanieContract.getPlatformAuditVerification, async ({ req }) => {
    const { chain } = await platformChain(req);
    const body: AuditChainState = { lastVerification: await verifier.last(chain) };
    return body;
  });

  return router;
}
