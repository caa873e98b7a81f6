import { z } from 'zod';

/** How an attempt ended. @public */
export const AUDIT_OUTCOMES = ['success', 'denied', 'invalid', 'conflict', 'failure'] as const;
/** @public */
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

const isoTime = z.string().datetime({ offset: true, message: 'must be an ISO 8601 timestamp' });

/** Filters of `GET /audit` and `GET /audit/export`. @public */
export const auditQuerySchema = z
  .object({
    actor: z.string().max(255),
    action: z.string().max(100),
    resourceType: z.string().max(50),
    resourceId: z.string().max(255),
    org: z.string().max(63),
    project: z.string().max(63),
    outcome: z.enum(AUDIT_OUTCOMES),
    from: isoTime,
    to: isoTime,
    q: z.string().min(1).max(200),
  })
  .partial()
  .strict();
/** @public */
export type AuditQuery = z.input<typeof auditQuerySchema>;

/** One row of the append-only audit trail. @public */
export const auditEventSchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  actorRef: z.string(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  org: z.string().nullable(),
  project: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  message: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  hash: z.string(),
});
/** @public */
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** `GET /audit/verify`. @public */
export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  /** The first row whose stored hash does not match its content and predecessor. */
  firstMismatch: z.object({ id: z.string(), storedHash: z.string(), expectedHash: z.string() }).optional(),
});
/** @public */
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

/**
 * `GET /audit/scope`: which trails the caller may read. Platform auditors read the whole trail
 * (and may verify its chain); everyone else reads the organisations they hold the audit
 * permission of, one at a time.
 * @public
 */
export const auditScopeSchema = z.object({
  /** The caller may read the whole trail, across organisations, and verify its chain. */
  readAll: z.boolean(),
  /** The organisations whose trail the caller may read, by slug. */
  organizations: z.array(z.object({ slug: z.string(), title: z.string() })),
});
/** @public */
export type AuditScope = z.infer<typeof auditScopeSchema>;
