/**
 * A list for `ctx.output`. The scaffolder keeps step outputs in its template context, which
 * accepts only arrays of its own realm; lists mapped from rendered template inputs, or parsed
 * from fetched JSON, may come from another one (`Template arrays cannot use a custom prototype`).
 */
export function outputList<T, U = T>(
  items: ArrayLike<T> | Iterable<T>,
  map?: (item: T) => U,
): U[] {
  return map
    ? Array.from(items, item => map(item))
    : (Array.from(items) as unknown as U[]);
}
