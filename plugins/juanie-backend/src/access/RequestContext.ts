import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import { Request } from 'express';

/** Who is asking, and where the request came from (for the audit trail). */
export interface RequestContext {
  credentials: BackstageCredentials<BackstageUserPrincipal>;
  actorRef: string;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  request: Request;
}

/** Resolves the calling user; anything but a user token is a 401 from httpAuth. */
export async function requestContextOf(
  httpAuth: HttpAuthService,
  req: Request,
): Promise<RequestContext> {
  const credentials = await httpAuth.credentials(req, { allow: ['user'] });
  const header = req.header('x-request-id');
  return {
    credentials,
    actorRef: credentials.principal.userEntityRef,
    requestId: header && header.length <= 100 ? header : randomUUID(),
    ip: req.ip ?? null,
    userAgent: req.header('user-agent') ?? null,
    request: req,
  };
}
