import { RequestValidator } from '@backstage/plugin-events-node';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a notification-controller `generic-hmac` Provider signs its events with. */
export const SIGNATURE_HEADER = 'x-signature';

// Flux writes `<hash-function>=<hex HMAC of the body>`; sha256 today, the others may come.
const HASH_FUNCTIONS = new Set(['sha224', 'sha256', 'sha384', 'sha512']);

/**
 * Accepts a Flux event only when its `X-Signature` is the HMAC of the raw body with the shared
 * secret (the `token` of the Provider's Secret). Without a secret every event is refused: the
 * endpoint is reachable without a Backstage token, so an unsigned event must change nothing.
 */
export function fluxSignatureValidator(secret: string | undefined): RequestValidator {
  return async (request, context) => {
    if (!secret) {
      context.reject({
        status: 403,
        payload: { message: 'Flux events are refused: juanie.fluxEvents.hmacSecret is not configured' },
      });
      return;
    }
    const header = request.headers[SIGNATURE_HEADER];
    const signature = Array.isArray(header) ? header[0] : header;
    const [hashFunction, hex, ...rest] = (signature ?? '').split('=');
    if (!signature || rest.length > 0 || !HASH_FUNCTIONS.has(hashFunction) || !/^[0-9a-f]+$/i.test(hex ?? '')) {
      context.reject({
        status: 401,
        payload: { message: 'A Flux event needs an X-Signature header: <hash-function>=<hex HMAC of the body>' },
      });
      return;
    }
    const expected = createHmac(hashFunction, secret).update(request.raw.body).digest();
    const given = Buffer.from(hex, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      context.reject({ status: 403, payload: { message: 'The X-Signature of this Flux event does not match' } });
    }
  };
}
