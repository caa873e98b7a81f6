import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { ListFilter } from '../access/AccessControl';

/**
 * Adds a permission decision's criteria to a query as its `where`: `allOf`, `anyOf` and `not`
 * as SQL's and, or and not, each rule's query through `rule` (which adds its own condition).
 */
export function whereCriteria<Q extends object>(
  query: Knex.QueryBuilder,
  criteria: PermissionCriteria<Q>,
  rule: (query: Knex.QueryBuilder, ruleQuery: Q) => void,
): void {
  if ('allOf' in criteria) {
    query.where(q => criteria.allOf.forEach(child => q.where(sub => whereCriteria(sub, child, rule))));
  } else if ('anyOf' in criteria) {
    query.where(q => criteria.anyOf.forEach(child => q.orWhere(sub => whereCriteria(sub, child, rule))));
  } else if ('not' in criteria) {
    query.whereNot(q => whereCriteria(q, criteria.not, rule));
  } else {
    query.where(q => rule(q, criteria));
  }
}

/** Adds a list filter to a query: nothing for all, a false condition for none, else the criteria. */
export function whereListFilter<Q extends object>(
  query: Knex.QueryBuilder,
  filter: ListFilter<Q>,
  rule: (query: Knex.QueryBuilder, ruleQuery: Q) => void,
): void {
  if ('none' in filter) query.whereRaw('1 = 0');
  else if ('where' in filter) whereCriteria(query, filter.where, rule);
}
