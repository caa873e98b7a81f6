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
export interface AuditEvent {
  id: string;
  occurredAt: string;
  actorRef: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  org: string | null;
  project: string | null;
  outcome: AuditOutcome;
  message: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  hash: string;
}

/** `GET /audit/verify`. @public */
export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first row whose stored hash does not match its content and predecessor. */
  firstMismatch?: { id: string; storedHash: string; expectedHash: string };
}

/**
 * `GET /audit/scope`: which trails the caller may read. Platform auditors read the whole trail
 * (and may verify its chain); everyone else reads the organisations they hold the audit
 * permission of, one at a time.
 * @public
 */
export interface AuditScope {
  /** The caller may read the whole trail, across organisations, and verify its chain. */
  readAll: boolean;
  /** The organisations whose trail the caller may read, by slug. */
  organizations: Array<{ slug: string; title: string }>;
}
