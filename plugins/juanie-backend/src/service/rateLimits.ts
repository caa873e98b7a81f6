import { HttpAuthService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';

/** Requests one user may make to Juanie per minute, and to its expensive routes. */
const DEFAULT_PER_USER = 600;
const DEFAULT_EXPENSIVE_PER_USER = 60;
const WINDOW_MS = 60_000;

/**
 * Routes that run git, the policy engine or a cluster call for every request: previews,
 * deployment requests and rollbacks, Flux operations and syncs, the audit export.
 */
const EXPENSIVE_ROUTES: Array<['post' | 'put' | 'get', string]> = [
  ['post', '/orgs/:org/projects/:project/environments/:env/deployments/preview'],
  ['post', '/orgs/:org/projects/:project/environments/:env/deployments'],
  ['post', '/deployments/:id/rollback'],
  ['post', '/orgs/:org/projects/:project/environments/:env/gitops/:operation'],
  ['put', '/orgs/:org/projects/:project/environments/:env/gitops/flux'],
  ['get', '/audit/export'],
];

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
  const limiter = (name: string, limit: number) =>
    rateLimit({
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
  const expensive = limiter(
    'expensive',
    settings?.getOptionalNumber('expensivePerUser') ?? DEFAULT_EXPENSIVE_PER_USER,
  );
  for (const [method, path] of EXPENSIVE_ROUTES) router[method](path, expensive);
}
