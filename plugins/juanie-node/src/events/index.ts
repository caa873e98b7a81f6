/**
 * The events topic on which Juanie's back end announces every committed change (after its
 * transaction): `{ action, resourceType, resourceId, org, project }`. The catalog provider
 * follows it to update entities at once rather than at its next full refresh.
 * @public
 */
export const JUANIE_CHANGES_TOPIC = 'juanie.changes';

/** The payload of an event on {@link JUANIE_CHANGES_TOPIC}. @public */
export interface JuanieChangeEvent {
  action: string;
  resourceType: string;
  resourceId: string | null;
  org: string | null;
  project: string | null;
}
