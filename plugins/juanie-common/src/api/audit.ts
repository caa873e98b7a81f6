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

/**
 * The audit trail is one hash chain per organisation plus one for platform events (those of no
 * organisation). The result of walking one chain, stored per chain: by `POST .../audit/verify`
 * and by the scheduled verification. @public
 */
export const auditChainVerificationSchema = z.object({
  /** When the walk ended. */
  verifiedAt: z.string(),
  /** Who asked: a user ref, or `scheduler` for the scheduled verification. */
  verifiedBy: z.string(),
  /** Every event matched its content and its predecessor, and the chain's head names the last. */
  held: z.boolean(),
  /** Events checked before the walk ended (all of them when the chain held). */
  checked: z.number(),
  /** Where the chain broke: the first event that does not match, and why. */
  firstBroken: z.object({ id: z.string().nullable(), message: z.string() }).optional(),
});
/** @public */
export type AuditChainVerification = z.infer<typeof auditChainVerificationSchema>;

/**
 * `GET /orgs/{org}/audit/verification` and `GET /audit/verification` (the platform chain): the
 * last stored verification of the chain, or null when it was never verified. @public
 */
export const auditChainStateSchema = z.object({ lastVerification: auditChainVerificationSchema.nullable() });
/** @public */
export type AuditChainState = z.infer<typeof auditChainStateSchema>;

/**
 * `GET /audit/scope`: which trails the caller may read. Platform auditors read the whole trail
 * (and may verify every chain); everyone else reads the organisations they hold the audit
 * permission of, one at a time.
 * @public
 */
export const auditScopeSchema = z.object({
  /** The caller may read the whole trail, across organisations, and verify every chain. */
  readAll: z.boolean(),
  /**
   * The organisations whose trail the caller may read, by slug, and whether they may also
   * verify its chain (owners).
   */
  organizations: z.array(z.object({ slug: z.string(), title: z.string(), mayVerify: z.boolean() })),
});
/** @public */
export type AuditScope = z.infer<typeof auditScopeSchema>;
