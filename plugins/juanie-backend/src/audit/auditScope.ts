import {
  AuditScope,
  juanieAuditReadAllPermission,
  juanieOrganizationAuditReadPermission,
  juanieOrganizationAuditVerifyPermission,
} from '@juanie/plugin-juanie-common';
import { juanieOrganizationRules } from '@juanie/plugin-juanie-node';
import { AccessControl } from '../access/AccessControl';
import { Caller } from '../access/Callers';
import { OrganizationService } from '../orgs/OrganizationService';
import { OrganizationRecord } from '../orgs/OrganizationStore';

/** Organisations read per query while collecting the caller's; any page size would do. */
const ORGANIZATIONS_PER_QUERY = 500;

/**
 * Which trails the caller may read, decided by the same permissions `GET /audit` checks: the
 * whole trail with read-all, else each organisation whose audit permission they hold (and
 * whether they may verify its chain, as `POST /orgs/{org}/audit/verify` checks). The policy's
 * decision on the audit permission is the query's filter (all organisations for platform admins).
 */
export async function auditScopeOf(
  caller: Caller,
  deps: { access: AccessControl; orgs: OrganizationService },
): Promise<AuditScope> {
  const { access, orgs } = deps;
  const { credentials } = caller.ctx;
  const readAll = await access.can(credentials, juanieAuditReadAllPermission);
  const candidates: OrganizationRecord[] = [];
  // The organisations whose trail the policy lets the caller read, as one filtered query.
  const readableTrails = await access.listFilter(credentials, juanieOrganizationAuditReadPermission, juanieOrganizationRules);
  for (let after: string | undefined; ; ) {
    const page = await orgs.list(readableTrails, ORGANIZATIONS_PER_QUERY, after);
    candidates.push(...page);
    if (page.length < ORGANIZATIONS_PER_QUERY) break;
    after = page[page.length - 1].slug;
  }
  const verifiable = new Set(
    await access.allowedAmong(
      credentials,
      juanieOrganizationAuditVerifyPermission,
      candidates.map(org => org.slug),
    ),
  );
  return {
    readAll,
    organizations: candidates.map(({ slug, title }) => ({ slug, title, mayVerify: verifiable.has(slug) })),
  };
}
