import {
  AuditScope,
  juanieAuditReadAllPermission,
  juanieOrganizationAuditReadPermission,
  juanieOrganizationAuditVerifyPermission,
} from '@juanie/plugin-juanie-common';
import { AccessControl } from '../access/AccessControl';
import { Caller } from '../access/Callers';
import { OrganizationService } from '../orgs/OrganizationService';
import { OrganizationRecord } from '../orgs/OrganizationStore';

/** Organisations read per query while collecting the caller's; any page size would do. */
const ORGANIZATIONS_PER_QUERY = 500;

/**
 * Which trails the caller may read, decided by the same permissions `GET /audit` checks: the
 * whole trail with read-all, else each organisation whose audit permission they hold (and
 * whether they may verify its chain, as `POST /orgs/{org}/audit/verify` checks). Only
 * organisations the caller can see are candidates (all of them for platform admins).
 */
export async function auditScopeOf(
  caller: Caller,
  deps: { access: AccessControl; orgs: OrganizationService },
): Promise<AuditScope> {
  const { access, orgs } = deps;
  const { credentials } = caller.ctx;
  const readAll = await access.can(credentials, juanieAuditReadAllPermission);
  const candidates: OrganizationRecord[] = [];
  const visibility = readAll ? 'all' : caller.visibility;
  for (let after: string | undefined; ; ) {
    const page = await orgs.list(visibility, ORGANIZATIONS_PER_QUERY, after);
    candidates.push(...page);
    if (page.length < ORGANIZATIONS_PER_QUERY) break;
    after = page[page.length - 1].slug;
  }
  const allowed = async (permission: typeof juanieOrganizationAuditReadPermission, slugs: string[]) =>
    new Set(await access.allowedAmong(credentials, permission, slugs));
  const readable = await allowed(
    juanieOrganizationAuditReadPermission,
    candidates.map(org => org.slug),
  );
  const verifiable = await allowed(juanieOrganizationAuditVerifyPermission, [...readable]);
  return {
    readAll,
    organizations: candidates
      .filter(org => readable.has(org.slug))
      .map(({ slug, title }) => ({ slug, title, mayVerify: verifiable.has(slug) })),
  };
}
