import { http, passthrough } from 'msw';

/**
 * Lets requests to this machine (the test back end: Juanie, the permission backend) through
 * msw, which otherwise answers only the forges' APIs a test mocks.
 */
export const localPassthrough = http.all(
  /^http:\/\/(?:localhost|127\.0\.0\.1)(?::\d+)?\//,
  () => passthrough(),
);

/** Whether a request went to this machine rather than to a forge. */
export const isLocal = (url: string) =>
  /^http:\/\/(?:localhost|127\.0\.0\.1)(?::\d+)?\//.test(url);
