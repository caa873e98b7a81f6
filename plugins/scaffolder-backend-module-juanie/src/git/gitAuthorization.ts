import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';

const basic = (user: string, token: string) =>
  `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;

/** The `Authorization` header for git over https to a URL, or undefined when none applies. */
export type GitAuthorization = (url: string) => Promise<string | undefined>;

/**
 * `Authorization` headers for git over https from Backstage's integrations config: GitHub
 * tokens or GitHub App installations, GitLab tokens. Remotes without an integration (a local
 * bare repository, a public server) get none, and tokens only travel over TLS (plain http to
 * this machine is allowed, for tests and local proxies).
 */
export function gitAuthorizationFor(config: Config): GitAuthorization {
  const integrations = ScmIntegrations.fromConfig(config);
  const github =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  return async url => {
    if (
      !/^https:\/\//.test(url) &&
      !/^http:\/\/(?:127\.0\.0\.1|localhost)(?::\d+)?\//.test(url)
    ) {
      return undefined;
    }
    if (integrations.github.byUrl(url)) {
      const { token } = await github.getCredentials({ url });
      return token ? basic('x-access-token', token) : undefined;
    }
    const gitlab = integrations.gitlab.byUrl(url);
    if (gitlab?.config.token) return basic('oauth2', gitlab.config.token);
    return undefined;
  };
}
