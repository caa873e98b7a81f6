/**
 * The key of the platform's chain: events of no organisation (platform-level events, and
 * refusals about organisations that do not exist). Organisation ids are UUIDs, so it is never
 * one of theirs.
 */
export const PLATFORM_CHAIN = 'platform';

/**
 * The hash chain an event joins: its organisation's, by the organisation's immutable id (a
 * slug may be re-created after a deletion; the new organisation starts a chain of its own), or
 * the platform's.
 */
export function chainOf(organizationId: string | null): string {
  return organizationId ?? PLATFORM_CHAIN;
}
