import { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RemoteGitError } from './RemoteGitError';
import { bareHost, isPrivateAddress, resolveHost } from './remoteAddresses';

/** A repository URL taken apart: a remote host, or a directory on this machine. */
export type RepositoryLocation =
  | {
      kind: 'remote';
      scheme: 'https' | 'http' | 'ssh' | 'git';
      host: string;
      port?: number;
    }
  | { kind: 'local'; dir: string };

const SCP_LIKE = /^([\w.-]+)@([^:/[\]@]+):(?!\/\/)(.+)$/;

/**
 * The hosts of Backstage's `integrations.*` config: `ScmIntegrations.fromConfig(config)` of
 * `@backstage/integration` (given by the caller, so this library does not depend on it).
 */
export interface IntegrationHosts {
  /** Something (the integration) for a configured host, `host:port` included; undefined otherwise. */
  byHost(host: string): unknown;
}

/** The settings of {@link RepositoryUrlPolicy}, from `juanie.repositories`. */
export interface RepositoryUrlSettings {
  /** Hosts of Backstage's `integrations.*` config. */
  integrations: IntegrationHosts;
  allowedHosts: string[];
  allowPrivateAddresses: boolean;
  /** Absolute (readJuaniePaths); symbolic links are resolved at each check. */
  localRoots: string[];
}

/**
 * Which repository URLs a tenant may connect and the back end may contact (tenancy rule 3):
 * remote hosts of configured integrations or `juanie.repositories.allowedHosts`, never a
 * loopback, link-local or private address unless `allowPrivateAddresses`, no credentials in
 * URLs, and `file://` only under `juanie.repositories.localRoots`. Which organisation may use
 * which local repository is the claims' business (the back end's RepositoryClaims). Used by
 * the back end and by the scaffolder's git actions alike.
 */
export class RepositoryUrlPolicy {
  static fromConfig(
    config: RootConfigService,
    localRoots: string[],
    integrations: IntegrationHosts,
  ): RepositoryUrlPolicy {
    return new RepositoryUrlPolicy({
      integrations,
      allowedHosts: (
        config.getOptionalStringArray('juanie.repositories.allowedHosts') ?? []
      ).map(h => h.toLowerCase()),
      allowPrivateAddresses:
        config.getOptionalBoolean(
          'juanie.repositories.allowPrivateAddresses',
        ) ?? false,
      localRoots,
    });
  }

  constructor(private readonly settings: RepositoryUrlSettings) {}

  /** Takes a URL apart; 400 for credentials in it and for schemes git should not be given. */
  parse(url: string): RepositoryLocation {
    const scp = SCP_LIKE.exec(url);
    if (scp)
      return { kind: 'remote', scheme: 'ssh', host: scp[2].toLowerCase() };
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InputError(
        `${url} is not a repository URL (https://, ssh://, git@host:path or file://)`,
      );
    }
    const scheme = parsed.protocol.slice(0, -1);
    const userInfo = parsed.password || (parsed.username && scheme !== 'ssh');
    if (userInfo) {
      throw new InputError(
        'Repository URLs must not carry credentials: remove them from the URL and let the platform team configure the host as a Backstage integration (integrations.github, integrations.gitlab) granted to your organisation',
      );
    }
    if (scheme === 'file') {
      if (parsed.host)
        throw new InputError(
          `${url} names another machine; a file:// URL must be file:///path`,
        );
      // git is given the URL as written: `..` or `.` segments must not reach it unresolved.
      if (parsed.href !== url)
        throw new InputError(`Write ${url} as ${parsed.href}`);
      return { kind: 'local', dir: path.resolve(fileURLToPath(parsed)) };
    }
    if (
      scheme !== 'https' &&
      scheme !== 'http' &&
      scheme !== 'ssh' &&
      scheme !== 'git'
    ) {
      throw new InputError(
        `${url} is not a repository URL (https://, ssh://, git@host:path or file://)`,
      );
    }
    return {
      kind: 'remote',
      scheme,
      host: bareHost(parsed.hostname.toLowerCase()),
      port: parsed.port ? Number(parsed.port) : undefined,
    };
  }

  /**
   * The rules a URL must meet to be connected: 400 with the reason otherwise. Returns the
   * canonical `file://` URL (symbolic links resolved) of a local repository, for its claim.
   */
  async checkForConnect(url: string): Promise<{ localUrl?: string }> {
    const location = this.parse(url);
    if (location.kind === 'local')
      return { localUrl: await this.localUrlOf(location.dir) };
    this.assertHostAllowed(location.host, location.port);
    if (this.settings.allowPrivateAddresses) return {};
    if (isPrivateAddress(location.host)) throw privateAddress(location.host);
    // A name that does not resolve now is accepted: every call to the remote resolves it again.
    const addresses = await resolveHost(location.host).catch(() => []);
    if (addresses.some(isPrivateAddress)) throw privateAddress(location.host);
    return {};
  }

  /**
   * Checked again just before each call to the remote (a stored URL may predate a rule, and a
   * name may resolve elsewhere now: DNS rebinding). Returns git config pinning an http(s) host
   * to the address checked here, so git cannot resolve it to another one.
   */
  async beforeRemoteCall(url: string): Promise<Record<string, string>> {
    let location: RepositoryLocation;
    try {
      location = this.parse(url);
      if (location.kind === 'local') {
        await this.localUrlOf(location.dir);
        return {};
      }
      this.assertHostAllowed(location.host, location.port);
    } catch (error) {
      throw new RemoteGitError('refused', url, (error as Error).message);
    }
    if (this.settings.allowPrivateAddresses) return {};
    const addresses = await resolveHost(location.host).catch(() => {
      throw new RemoteGitError('unresolved', url);
    });
    if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
      throw new RemoteGitError(
        'refused',
        url,
        privateAddress(location.host).message,
      );
    }
    if (location.scheme !== 'https' && location.scheme !== 'http') return {};
    const port = location.port ?? (location.scheme === 'https' ? 443 : 80);
    const address = addresses[0].includes(':')
      ? `[${addresses[0]}]`
      : addresses[0];
    return { 'http.curloptResolve': `${location.host}:${port}:${address}` };
  }

  private assertHostAllowed(host: string, port?: number) {
    const { integrations, allowedHosts } = this.settings;
    const withPort = port ? `${host}:${port}` : host;
    const allowed =
      integrations.byHost(withPort) ||
      integrations.byHost(host) ||
      allowedHosts.includes(withPort) ||
      allowedHosts.includes(host);
    if (!allowed) {
      throw new InputError(
        `${host} is not a host repositories may be connected from: ask the platform team to configure it as an integration (integrations.*) or add it to juanie.repositories.allowedHosts`,
      );
    }
  }

  /** The canonical `file://` URL of a directory under a local root; 400 otherwise. */
  private async localUrlOf(dir: string): Promise<string> {
    const { localRoots } = this.settings;
    if (localRoots.length === 0) {
      throw new InputError(
        'Local (file://) repositories are not enabled here: the platform team sets juanie.repositories.localRoots to allow them',
      );
    }
    const real = await realPath(dir);
    const roots = await Promise.all(localRoots.map(realPath));
    if (
      !roots.some(
        root => real === root || real.startsWith(`${root}${path.sep}`),
      )
    ) {
      throw new InputError(
        `${dir} is outside the directories local repositories may be connected from (juanie.repositories.localRoots)`,
      );
    }
    return pathToFileURL(real).href;
  }
}

/** The path with symbolic links and `..` resolved, as far as it exists; the rest is appended. */
async function realPath(dir: string): Promise<string> {
  const absolute = path.resolve(dir);
  try {
    return await fs.realpath(absolute);
  } catch {
    const parent = path.dirname(absolute);
    if (parent === absolute) return absolute;
    return path.join(await realPath(parent), path.basename(absolute));
  }
}

function privateAddress(host: string) {
  return new InputError(
    `${host} is a loopback, link-local or private address, which repositories may not use here (juanie.repositories.allowPrivateAddresses)`,
  );
}
