import { Environment, ENVIRONMENT_KINDS } from '@juanie/plugin-juanie-common';

/** Promotion order: `order` first, then the kind's place in dev → staging → prod. */
export function byPromotionOrder(a: Environment, b: Environment) {
  return (
    a.order - b.order ||
    ENVIRONMENT_KINDS.indexOf(a.kind) - ENVIRONMENT_KINDS.indexOf(b.kind) ||
    a.slug.localeCompare(b.slug)
  );
}
