import { HttpAuthService, UserInfoService } from '@backstage/backend-plugin-api';
import { Request } from 'express';
import { RequestContext, requestContextOf } from './RequestContext';

/** The calling user with everything Juanie needs to decide what they see. */
export interface Caller {
  ctx: RequestContext;
  /** The user's own ref and their ownership refs (groups), as the permission rules match them. */
  claims: string[];
  /** Platform admins see every organisation and project. */
  isPlatformAdmin: boolean;
}

/** Resolves callers from requests. */
export class Callers {
  constructor(
    private readonly httpAuth: HttpAuthService,
    private readonly userInfo: UserInfoService,
    private readonly platformAdmins: string[],
  ) {}

  async of(req: Request): Promise<Caller> {
    const ctx = await requestContextOf(this.httpAuth, req);
    const info = await this.userInfo.getUserInfo(ctx.credentials);
    const claims = [...new Set([info.userEntityRef, ...info.ownershipEntityRefs])];
    const isPlatformAdmin = claims.some(ref => this.platformAdmins.includes(ref));
    return { ctx, claims, isPlatformAdmin };
  }
}
