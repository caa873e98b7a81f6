import { HttpAuthService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Request, Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';

/** Requests one user may make to Juanie per minute, and to its expensive routes. */
const DEFAULT_PER_USER = 600;
const DEFAULT_EXPENSIVE_PER_USER = 60;
const WINDOW_MS = 60_000;

const ENVIRONMENT = '/orgs/[^/]+/projects/[^/]+/environments/[^/]+';

/**
 * Routes that run git, the policy engine or a cluster call for every request: previews,
 * deployment requests and rollbacks, Flux operations and syncs, the audit export and the
 * verification of an audit chain (which reads the whole chain). (Matched
 * here rather than mounted as routes, so the router serves exactly the documented routes.)
 */
const EXPENSIVE_ROUTES: Array<[string, RegExp]> = [
  ['POST', new RegExp(`^${ENVIRONMENT}/deployments(/preview)?/?$`)],
  ['POST', /^\/deployments\/[^/]+\/rollback\/?$/],
  ['POST', new RegExp(`^${ENVIRONMENT}/gitops/[^/]+/?$`)],
  ['PUT', new RegExp(`^${ENVIRONMENT}/gitops/flux/?$`)],
  ['GET', /^\/audit\/export\/?$/],
  ['POST', /^(\/orgs\/[^/]+)?\/audit\/verify\/?$/],
];

const isExpensive = (req: Request) =>
  EXPENSIVE_ROUTES.some(([method, path]) => req.method === method && path.test(req.path));

/**
 * Per-user limits in front of Juanie's routes (Backstage's `backend.rateLimit` limits per IP
 * before this): a 429 with `Retry-After` once a user exceeds `juanie.rateLimit.perUser` requests
 * a minute, or `expensivePerUser` on the expensive routes. Callers without a user token count
 * by IP address.
 */
export function addRateLimits(router: Router, deps: { config: Config; httpAuth: HttpAuthService }) {
  const settings = deps.config.getOptionalConfig('juanie.rateLimit');
  const keyOf = async (req: Parameters<HttpAuthService['credentials']>[0]) => {
    try {
      const credentials = await deps.httpAuth.credentials(req, { allow: ['user'] });
      return credentials.principal.userEntityRef;
    } catch {
      return `ip:${ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? '')}`;
    }
  };
  const limiter = (name: string, limit: number, skip?: (req: Request) => boolean) =>
    rateLimit({
      skip,
      windowMs: WINDOW_MS,
      limit,
      keyGenerator: keyOf,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      statusCode: 429,
      // The shape of Backstage's own errors (and of its backend.rateLimit answers).
      message: {
        error: { name: 'TooManyRequestsError', message: `Too many ${name} requests; try again later` },
        response: { statusCode: 429 },
      },
    });

  router.use(limiter('Juanie', settings?.getOptionalNumber('perUser') ?? DEFAULT_PER_USER));
  router.use(
    limiter(
      'expensive',
      settings?.getOptionalNumber('expensivePerUser') ?? DEFAULT_EXPENSIVE_PER_USER,
      req => !isExpensive(req),
    ),
  );
}
