import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { ConnectRepositoryRequest, Repository } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { CommittedChange } from '../audit/AuditTrail';
import { ProjectRecord } from '../projects/ProjectStore';
import { RemoteHead, RemoteRepositoryReader } from './RemoteRepositoryReader';
import { RepositoryClaims } from './RepositoryClaims';
import { repositoryKeyOf } from './repositoryPush';
import { publicRepository, RepositoryRecord, RepositoryStore } from './RepositoryStore';
import { RepositoryUrlPolicy } from '@juanie/plugin-juanie-node';

/** The project's app and GitOps repositories, and what their remotes say. */
export class RepositoryService {
  private readonly shared: string[];

  constructor(
    private readonly store: RepositoryStore,
    private readonly remotes: RemoteRepositoryReader,
    private readonly isInUse: (repositoryId: string, trx: Knex) => Promise<boolean>,
    private readonly rules: {
      policy: RepositoryUrlPolicy;
      claims: RepositoryClaims;
      /** `juanie.repositories.shared`: URLs that more than one organisation may connect. */
      sharedUrls: string[];
    },
  ) {
    this.shared = rules.sharedUrls.map(url => repositoryKeyOf(url) ?? url);
  }

  /**
   * Records that the local repository at `url` was created for the project's organisation,
   * which alone may then connect it (the demo seed; the scaffolder through the API).
   */
  async claimLocal(
    trx: Knex.Transaction,
    org: { id: string; slug: string },
    url: string,
    claimedBy: string,
  ): Promise<CommittedChange<{ url: string }>> {
    const { localUrl } = await this.rules.policy.checkForConnect(url);
    if (!localUrl) throw new InputError(`${url} is not a local (file://) repository`);
    await this.rules.claims.claim(trx, org.id, localUrl, claimedBy);
    return {
      result: { url: localUrl },
      resourceId: localUrl,
      message: `Claimed local repository ${localUrl} for organisation ${org.slug}`,
    };
  }

  /** Tenancy rule 3: the URL is one the rules allow, and this organisation's to connect. */
  private async assertConnectable(trx: Knex, project: ProjectRecord, url: string) {
    const { localUrl } = await this.rules.policy.checkForConnect(url);
    if (localUrl) {
      if ((await this.rules.claims.ownerOf(localUrl, trx)) !== project.organizationId) {
        throw new InputError(
          `${url} was not created for organisation ${project.org}: only local repositories created for it (by the demo seed or a template) may be connected`,
        );
      }
      return;
    }
    const key = repositoryKeyOf(url);
    if (!key || this.shared.includes(key)) return;
    const elsewhere = (await this.store.connectedTo([key], trx)).some(
      repo => repo.organizationId !== project.organizationId,
    );
    if (elsewhere) {
      throw new ConflictError(
        `${url} is connected to another organisation; it can be connected here once its owners share it (juanie.repositories.shared)`,
      );
    }
  }

  async list(project: ProjectRecord): Promise<Repository[]> {
    return (await this.store.list(project.id)).map(publicRepository);
  }

  async get(project: ProjectRecord, id: string, trx?: Knex): Promise<RepositoryRecord> {
    const repo = /^[0-9a-f-]{36}$/.test(id) ? await this.store.get(project.id, id, trx) : undefined;
    if (!repo) throw new NotFoundError(`Repository ${id} is not connected to project ${project.slug}`);
    return repo;
  }

  async connect(
    trx: Knex.Transaction,
    project: ProjectRecord,
    input: ConnectRepositoryRequest,
  ): Promise<CommittedChange<Repository>> {
    // git reads an argument that starts with a dash as an option (`git ls-remote -o...`).
    if (input.url.startsWith('-')) {
      throw new InputError('Invalid repository: url: must not start with a dash');
    }
    await this.assertConnectable(trx, project, input.url);
    if (await this.store.findByUrl(project.id, input.url, trx)) {
      throw new ConflictError(`${input.url} is already connected to project ${project.slug}`);
    }
    const repo = publicRepository(
      await this.store.create(trx, {
        id: randomUUID(),
        projectId: project.id,
        provider: input.provider ?? this.remotes.providerOf(input.url),
        purpose: input.purpose,
        url: input.url,
      }),
    );
    return {
      result: repo,
      resourceId: repo.id,
      message: `Connected ${repo.purpose} repository ${repo.url} (${repo.provider}) to project ${project.slug}`,
      after: repo,
    };
  }

  /** Asks the remote outside any transaction; a failure is recorded on the repository. */
  async readRemote(repo: RepositoryRecord): Promise<RemoteHead | Error> {
    try {
      return await this.remotes.readHead(repo.provider, repo.url, repo.org);
    } catch (error) {
      return error as Error;
    }
  }

  async recordSync(
    trx: Knex.Transaction,
    project: ProjectRecord,
    repo: RepositoryRecord,
    head: RemoteHead | Error,
  ): Promise<CommittedChange<Repository>> {
    if (head instanceof Error) {
      await this.store.recordSync(trx, repo, {
        status: 'error',
        reason: 'RemoteUnreachable',
        message: head.message.slice(0, 2000),
      });
    } else {
      await this.store.recordSync(trx, repo, { status: 'synced', reason: null, message: null, ...head });
    }
    const synced = publicRepository((await this.store.get(project.id, repo.id, trx))!);
    return {
      result: synced,
      resourceId: repo.id,
      message:
        head instanceof Error
          ? `Sync of ${repo.url} failed: ${head.message}`
          : `Synced ${repo.url}: ${head.defaultBranch} at ${head.headCommit}`,
      before: publicRepository(repo),
      after: synced,
    };
  }

  async disconnect(
    trx: Knex.Transaction,
    project: ProjectRecord,
    repo: RepositoryRecord,
  ): Promise<CommittedChange<void>> {
    if (await this.isInUse(repo.id, trx)) {
      throw new ConflictError(
        `Repository ${repo.url} is the GitOps target of an environment; point the environment elsewhere first`,
      );
    }
    await this.store.delete(trx, repo.id);
    return {
      result: undefined,
      resourceId: repo.id,
      message: `Disconnected repository ${repo.url} from project ${project.slug}`,
      before: publicRepository(repo),
    };
  }

  /** The purpose of one of the project's repositories, for GitOps target checks. */
  async purposeOf(project: ProjectRecord, id: string, trx: Knex) {
    return (await this.store.get(project.id, id, trx))?.purpose;
  }
}
