import { RootConfigService } from '@backstage/backend-plugin-api';

/**
 * Which organisations may use the credentials of which integration host
 * (`juanie.integrationGrants`). An integration's token or GitHub App reaches every repository
 * it was given, so handing it to every organisation would let any of them read and write what
 * only one should: Juanie attaches credentials for a host only to calls made for an
 * organisation granted that host. A host without a grant gives no credentials to anyone (its
 * repositories must then be public).
 *
 * @public
 */
export interface IntegrationGrants {
  /** Whether `org` (slug) may use the credentials of `host` (`name` or `name:port`). */
  allows(host: string, org: string | undefined): boolean;
}

/**
 * Reads `juanie.integrationGrants`: a list of `{ host, organizations }`, where `organizations`
 * holds organisation slugs, or `'*'` for every organisation.
 *
 * @public
 */
export function readIntegrationGrants(config: RootConfigService): IntegrationGrants {
  const grants = (config.getOptionalConfigArray('juanie.integrationGrants') ?? []).map(grant => ({
    host: grant.getString('host').toLowerCase(),
    organizations: grant.getStringArray('organizations'),
  }));
  return {
    allows(host, org) {
      if (!org) return false;
      const name = host.toLowerCase();
      const hostname = name.replace(/:\d+$/, '');
      return grants.some(
        grant =>
          (grant.host === name || grant.host === hostname) &&
          (grant.organizations.includes('*') || grant.organizations.includes(org)),
      );
    },
  };
}
