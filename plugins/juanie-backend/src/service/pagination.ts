import { pageQuerySchema } from '@juanie/plugin-juanie-common';
import { Request } from 'express';
import { decodeCursor, encodeCursor } from '../shared/cursor';
import { parseInput } from '../shared/validation';

/** Reads `limit` and a string cursor from the query; answers pages keyed by a string. */
export async function pageOf<T>(
  req: Request,
  load: (limit: number, after?: string) => Promise<T[]>,
  keyOf: (item: T) => string,
): Promise<{ items: T[]; nextCursor?: string }> {
  const { limit, cursor } = parseInput(
    pageQuerySchema,
    { limit: req.query.limit, cursor: req.query.cursor },
    'page',
  );
  const rows = await load(limit + 1, decodeCursor<string>(cursor, 'string'));
  const items = rows.slice(0, limit);
  return rows.length > limit
    ? { items, nextCursor: encodeCursor(keyOf(items[items.length - 1])) }
    : { items };
}
