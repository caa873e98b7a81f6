import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';

const basic = (user: string, token: string) =>
  `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;

/**
 * The `Authorization` header for git over https to a repository, from Backstage's
 * integrations config: GitHub tokens or GitHub App installations, GitLab tokens. Remotes
 * without an integration (a local bare repository, a public server) get none.
 */
export function gitAuthorizationFor(config: Config) {
  const integrations = ScmIntegrations.fromConfig(config);
  const github =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  return (url: string) => async (): Promise<string | undefined> => {
    // Tokens travel over TLS only; plain http is allowed on this machine (tests, local proxies).
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
