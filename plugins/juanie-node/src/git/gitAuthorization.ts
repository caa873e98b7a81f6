import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { readIntegrationGrants } from './integrationGrants';

const basic = (user: string, token: string) =>
  `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;

/**
 * The `Authorization` header for git over https to a URL, for a call made for organisation
 * `org` (slug), or undefined when none applies.
 */
export type GitAuthorization = (
  url: string,
  org: string | undefined,
) => Promise<string | undefined>;

/**
 * `Authorization` headers for git over https from Backstage's integrations config: GitHub
 * tokens or GitHub App installations, GitLab tokens. Remotes without an integration (a local
 * bare repository, a public server) get none, and tokens only travel over TLS (plain http to
 * this machine is allowed, for tests and local proxies). Only organisations granted the host
 * in `juanie.integrationGrants` get its credentials: a token reaches every repository it was
 * given, not only the organisation's.
 */
export function gitAuthorizationFor(config: Config): GitAuthorization {
  const integrations = ScmIntegrations.fromConfig(config);
  const grants = readIntegrationGrants(config);
  const github =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  return async (url, org) => {
    if (
      !/^https:\/\//.test(url) &&
      !/^http:\/\/(?:127\.0\.0\.1|localhost)(?::\d+)?\//.test(url)
    ) {
      return undefined;
    }
    if (!grants.allows(new URL(url).host, org)) return undefined;
    if (integrations.github.byUrl(url)) {
      const { token } = await github.getCredentials({ url });
      return token ? basic('x-access-token', token) : undefined;
    }
    const gitlab = integrations.gitlab.byUrl(url);
    if (gitlab?.config.token) return basic('oauth2', gitlab.config.token);
    return undefined;
  };
}
