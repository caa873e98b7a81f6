import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../api/common';
import {
  auditChainStateSchema,
  auditChainVerificationSchema,
  auditEventSchema,
  auditQuerySchema,
  auditScopeSchema,
} from '../api/audit';
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
  verifyOrganizationAuditChain: defineOperation({
    method: 'post',
    path: '/orgs/{org}/audit/verify',
    summary: "Walk the organisation's hash chain now (owners); store and answer whether it held and where it broke",
    response: auditChainVerificationSchema,
  }),
  getOrganizationAuditVerification: defineOperation({
    method: 'get',
    path: '/orgs/{org}/audit/verification',
    summary: "The last stored verification of the organisation's hash chain",
    response: auditChainStateSchema,
  }),
  verifyPlatformAuditChain: defineOperation({
    method: 'post',
    path: '/audit/verify',
    summary: "Walk the platform's hash chain (events of no organisation) now; store and answer the result",
    response: auditChainVerificationSchema,
  }),
  getPlatformAuditVerification: defineOperation({
    method: 'get',
    path: '/audit/verification',
    summary: "The last stored verification of the platform's hash chain",
    response: auditChainStateSchema,
  }),
};
