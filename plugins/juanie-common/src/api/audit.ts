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

/**
 * The audit trail is one hash chain per organisation plus one for platform events (those of no
 * organisation). The result of walking one chain, stored per chain: by `POST .../audit/verify`
 * and by the scheduled verification. @public
 */
export interface AuditChainVerification {
  /** When the walk ended. */
  verifiedAt: string;
  /** Who asked: a user ref, or `scheduler` for the scheduled verification. */
  verifiedBy: string;
  /** Every event matched its content and its predecessor, and the chain's head names the last. */
  held: boolean;
  /** Events checked before the walk ended (all of them when the chain held). */
  checked: number;
  /** Where the chain broke: the first event that does not match, and why. */
  firstBroken?: { id: string | null; message: string };
}

/**
 * `GET /orgs/{org}/audit/verification` and `GET /audit/verification` (the platform chain): the
 * last stored verification of the chain, or null when it was never verified. @public
 */
export interface AuditChainState {
  lastVerification: AuditChainVerification | null;
}

/**
 * `GET /audit/scope`: which trails the caller may read. Platform auditors read the whole trail
 * (and may verify every chain); everyone else reads the organisations they hold the audit
 * permission of, one at a time.
 * @public
 */
export interface AuditScope {
  /** The caller may read the whole trail, across organisations, and verify every chain. */
  readAll: boolean;
  /**
   * The organisations whose trail the caller may read, by slug, and whether they may also
   * verify its chain (owners).
   */
  organizations: Array<{ slug: string; title: string; mayVerify: boolean }>;
}
