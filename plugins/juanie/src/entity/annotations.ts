import type { Entity } from '@backstage/catalog-model';
import { slugSchema } from '@juanie/plugin-juanie-common';

/**
 * The annotation that ties a catalog entity to a Juanie project:
 * `juanie.io/project: <org>/<project>`.
 * @public
 */
export const JUANIE_PROJECT_ANNOTATION = 'juanie.io/project';

/** A Juanie project by its organisation's and its own slug. @public */
export interface JuanieProjectRef {
  org: string;
  project: string;
}

// Only these kinds stand for something Juanie deploys; resources that carry the
// annotation (the catalog provider's environments) get no Juanie tabs.
const PROJECT_KINDS = ['component', 'system'];

/** `acme/shop` → `{ org: 'acme', project: 'shop' }`; undefined unless both are slugs. */
export function parseJuanieProjectRef(
  value: string | undefined,
): JuanieProjectRef | undefined {
  const parts = value?.split('/') ?? [];
  if (parts.length !== 2) return undefined;
  const [org, project] = parts;
  if (!slugSchema.safeParse(org).success) return undefined;
  if (!slugSchema.safeParse(project).success) return undefined;
  return { org, project };
}

/** The Juanie project an entity's annotation names, if it names one well. @public */
export function juanieProjectOf(entity: Entity): JuanieProjectRef | undefined {
  return parseJuanieProjectRef(
    entity.metadata.annotations?.[JUANIE_PROJECT_ANNOTATION],
  );
}

/**
 * Whether an entity gets Juanie's entity content and cards: a Component or
 * System whose `juanie.io/project` annotation names a project as `<org>/<project>`.
 * Works as the `filter` of entity extensions and as `EntitySwitch.Case`'s `if`.
 * @public
 */
export function isJuanieProjectEntity(entity: Entity): boolean {
  return (
    PROJECT_KINDS.includes(entity.kind.toLocaleLowerCase('en-US')) &&
    juanieProjectOf(entity) !== undefined
  );
}
