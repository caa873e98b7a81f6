import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `read` until `done` holds for its value, then returns it; fails with the last value
 * after `timeoutMs`. For work done by background jobs, which tests cannot await directly.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) {
      throw new Error(`Gave up waiting after ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    }
    await sleep(100);
    value = await read();
  }
  return value;
}
