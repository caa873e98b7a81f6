import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { ConnectRepositoryRequest, Repository } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { CommittedChange } from '../audit/AuditTrail';
import { ProjectRecord } from '../projects/ProjectStore';
import { RemoteHead, RemoteRepositoryReader } from './RemoteRepositoryReader';
import { RepositoryRecord, RepositoryStore } from './RepositoryStore';

const publicRepository = ({ projectId, ...repo }: RepositoryRecord): Repository => repo;

/** The project's app and GitOps repositories, and what their remotes say. */
export class RepositoryService {
  constructor(
    private readonly store: RepositoryStore,
    private readonly remotes: RemoteRepositoryReader,
    private readonly isInUse: (repositoryId: string, trx: Knex) => Promise<boolean>,
  ) {}

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
      return await this.remotes.readHead(repo.provider, repo.url);
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
