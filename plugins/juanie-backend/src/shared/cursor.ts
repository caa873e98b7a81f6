import { InputError } from '@backstage/errors';

/** Opaque keyset cursors: the sort key of the last item of a page. */
export function encodeCursor(key: string | number): string {
  return Buffer.from(JSON.stringify({ k: key })).toString('base64url');
}

/** Reads a cursor made by {@link encodeCursor}; anything else is a 400. */
export function decodeCursor<T extends string | number>(
  cursor: string | undefined,
  type: 'string' | 'number',
): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')).k;
    // Only keys this API could have made: ids are safe integers, slugs and refs have no NUL.
    if (type === 'number' && Number.isSafeInteger(key) && key >= 0) return key as T;
    if (type === 'string' && typeof key === 'string' && !key.includes('\0')) return key as T;
  } catch {
    // fall through to the error below
  }
  throw new InputError('Invalid cursor: use the nextCursor of a previous page');
}

/** Builds `{ items, nextCursor }` from rows fetched with `limit + 1`. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  keyOf: (row: Row) => string | number,
): { items: Item[]; nextCursor?: string } {
  const items = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  return {
    items: items.map(toItem),
    ...(hasMore ? { nextCursor: encodeCursor(keyOf(items[items.length - 1])) } : {}),
  };
}
