import { createHash } from 'node:crypto';

/** The fields of an audit row that its hash covers, as stored. */
export interface AuditHashContent {
  occurredAt: string;
  actorRef: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  org: string | null;
  project: string | null;
  outcome: string;
  message: string;
  before: string | null;
  after: string | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** The hash of the first row's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * SHA-256 over the previous row's hash and this row's content, in a fixed field order, so
 * changing, removing or reordering any row breaks every hash after it.
 */
export function computeAuditHash(prevHash: string, content: AuditHashContent): string {
  const canonical = JSON.stringify([
    prevHash,
    content.occurredAt,
    content.actorRef,
    content.action,
    content.resourceType,
    content.resourceId,
    content.org,
    content.project,
    content.outcome,
    content.message,
    content.before,
    content.after,
    content.requestId,
    content.ip,
    content.userAgent,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
