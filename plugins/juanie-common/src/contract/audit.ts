import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../api/common';
import { auditEventSchema, auditQuerySchema, auditScopeSchema, auditVerificationSchema } from '../api/audit';
import { defineOperation } from './operation';

/** The audit trail: reading, exporting and verifying it. */
export const auditOperations = {
  listAuditEvents: defineOperation({
    method: 'get',
    path: '/audit',
    summary: 'The audit trail, newest first',
    query: auditQuerySchema.extend(pageQuerySchema.shape),
    response: pageSchema(auditEventSchema),
  }),
  getAuditScope: defineOperation({
    method: 'get',
    path: '/audit/scope',
    summary: 'Which trails the caller may read: all, or these organisations',
    response: auditScopeSchema,
  }),
  exportAuditEvents: defineOperation({
    method: 'get',
    path: '/audit/export',
    summary: 'Stream the selection as CSV or NDJSON',
    query: auditQuerySchema.extend({ format: z.enum(['csv', 'ndjson']) }),
    response: 'stream',
  }),
  verifyAuditChain: defineOperation({
    method: 'get',
    path: '/audit/verify',
    summary: 'Walk the hash chain; name the first row that does not match',
    response: auditVerificationSchema,
  }),
};
