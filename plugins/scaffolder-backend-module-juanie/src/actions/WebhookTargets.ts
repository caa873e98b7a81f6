import { DiscoveryService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** Where `juanie.scaffolder.allowedWebhookUrls` is read from. */
const ALLOWED_WEBHOOK_URLS = 'juanie.scaffolder.allowedWebhookUrls';

const normalized = (url: string) => new URL(url).href;

/**
 * Where `juanie:webhook:register` may point a hook. The hook carries the events module's
 * secret, so a hook towards any other URL would hand that secret (and every push) to whoever
 * owns that URL: only Backstage's own events endpoint for the provider
 * (`<events external base URL>/http/<provider>`), or a URL the platform lists in
 * `juanie.scaffolder.allowedWebhookUrls` (a proxy in front of it, say), are accepted.
 */
export class WebhookTargets {
  private readonly allowed: string[];

  constructor(config: Config, private readonly discovery: DiscoveryService) {
    this.allowed = (
      config.getOptionalStringArray(ALLOWED_WEBHOOK_URLS) ?? []
    ).map(normalized);
  }

  /** The URL to register: the given one if it is allowed, else Backstage's own endpoint. */
  async resolve(
    provider: 'github' | 'gitlab',
    eventsUrl: string | undefined,
  ): Promise<string> {
    const own = `${await this.discovery.getExternalBaseUrl(
      'events',
    )}/http/${provider}`;
    if (eventsUrl === undefined) return own;
    if (!/^https?:\/\/\S+$/.test(eventsUrl)) {
      throw new InputError(
        `Invalid eventsUrl ${eventsUrl}: must be an http(s) URL the provider can reach`,
      );
    }
    const url = normalized(eventsUrl);
    if (url === normalized(own) || this.allowed.includes(url)) return eventsUrl;
    throw new InputError(
      `Invalid eventsUrl ${eventsUrl}: a webhook carries the secret of Backstage's events module, so it may only point at Backstage's own events endpoint ${own} or a URL listed in ${ALLOWED_WEBHOOK_URLS}. No webhook was registered`,
    );
  }
}

/**
 * `host/path` of a repository URL (https, ssh or scp-like `git@host:path`), lower case and
 * without `.git`, to tell whether two URLs name the same repository on a forge.
 */
export function repositoryKey(url: string): string | undefined {
  const scpLike = /^[\w.-]+@([^:/]+):(.+)$/.exec(url);
  let host: string;
  let repoPath: string;
  if (scpLike) {
    [, host, repoPath] = scpLike;
  } else {
    try {
      const parsed = new URL(url);
      host = parsed.host;
      repoPath = parsed.pathname;
    } catch {
      return undefined;
    }
  }
  const cleanPath = repoPath
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  return `${host}/${cleanPath}`.toLowerCase();
}
