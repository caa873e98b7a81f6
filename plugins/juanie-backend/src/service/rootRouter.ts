import {
  HealthResponse,
  juanieContract,
  juanieOrganizationManagePermission,
  MeResponse,
} from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { juanieOrganizationRules } from '@juanie/plugin-juanie-node';
import { AccessControl } from '../access/AccessControl';
import { Callers } from '../access/Callers';
import { OrganizationService } from '../orgs/OrganizationService';
import { QuotaUsageSource } from '../orgs/router';
import { databaseKind } from '../shared/dbValues';
import { createOpenApiDocument } from './openApiDocument';
import { operationRouter } from './serveOperation';

/** Share of a quota from which an administrator is asked to look. */
const QUOTA_ATTENTION_SHARE = 0.8;

/** `/health`, `/me` and `/me/attention`. */
export function createRootRouter(deps: {
  db: Knex;
  version: string;
  callers: Callers;
  access: AccessControl;
  orgs: OrganizationService;
  usage: QuotaUsageSource;
}) {
  const { db, version, callers, access, orgs, usage } = deps;
  const { router, serve } = operationRouter();

  serve(juanieContract.getHealth, async () => {
    await db.raw('select 1');
    const body: HealthResponse = { status: 'ok', version, database: databaseKind(db) };
    return body;
  });

  const openApiDocument = createOpenApiDocument(version);
  // The document describes the contract; it is not an operation of it.
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });

  serve(juanieContract.getMe, async ({ req }) => {
    const caller = await callers.of(req);
    const body: MeResponse = {
      userEntityRef: caller.ctx.actorRef,
      ownershipEntityRefs: caller.claims.filter(ref => ref !== caller.ctx.actorRef),
      isPlatformAdmin: caller.isPlatformAdmin,
    };
    return body;
  });

  /** Organisations the caller administers that are close to a quota limit. */
  serve(juanieContract.getMyAttention, async ({ req }) => {
    const caller = await callers.of(req);
    const items = [];
    // Those the permission policy lets the caller manage (the first 100: attention is a summary).
    const administered = await access.listFilter(
      caller.ctx.credentials,
      juanieOrganizationManagePermission,
      juanieOrganizationRules,
    );
    for (const org of await orgs.list(administered, 100)) {
      const used = {
        maxProjects: await usage.projectCount(org.id),
        maxMembers: await orgs.countMembers(org),
        maxEnvironmentsPerProject: await usage.maxEnvironmentsInAProject(org.id),
      };
      for (const [quota, count] of Object.entries(used)) {
        const limit = org.quota[quota as keyof typeof used];
        if (limit !== null && count >= limit * QUOTA_ATTENTION_SHARE) {
          items.push({
            kind: 'quota',
            org: org.slug,
            title: `${org.title}: ${quota} at ${count} of ${limit}`,
            message: count >= limit ? 'The limit is reached: new ones are refused.' : 'Close to the limit.',
          });
        }
      }
    }
    return { items };
  });

  return router;
}
