import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';

/** Entity ref → hash of the entity, for what the provider last put in the catalog. */
export type EmittedEntities = ReadonlyMap<string, string>;

/** JSON with object keys sorted, so that equal entities always hash the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const fields = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The refs and hashes of the given entities. */
export function emittedEntities(entities: Entity[]): EmittedEntities {
  return new Map(
    entities.map(entity => [
      stringifyEntityRef(entity),
      createHash('sha256').update(canonicalJson(entity)).digest('hex'),
    ]),
  );
}

/**
 * What changed between what was emitted before and the entities now: new or changed entities
 * are `added`, refs that are gone are `removed`.
 */
export function entityDelta(before: EmittedEntities, entities: Entity[]) {
  const now = emittedEntities(entities);
  const added = entities.filter(entity => {
    const ref = stringifyEntityRef(entity);
    return before.get(ref) !== now.get(ref);
  });
  const removed = [...before.keys()].filter(ref => !now.has(ref));
  return { added, removed, now };
}
