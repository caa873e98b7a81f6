import { LoggerService } from '@backstage/backend-plugin-api';
import { AuditTrail } from '../audit/AuditTrail';
import { RepositoryPush, repositoryKeyOf } from './repositoryPush';
import { publicRepository, RepositoryRecord, RepositoryStore } from './RepositoryStore';

/** Who records pushes in the audit trail. */
export const PUSH_ACTOR = 'plugin:juanie/push-events';

/** What asking Flux to fetch a pushed branch did, for one environment that follows it. */
export interface SourceReconcileRequest {
  /** `org/project/env` */
  environment: string;
  /** `GitRepository <namespace>/<name> in <cluster>`, or why none could be asked. */
  outcome: string;
}

/** The clusters domain's side: environments following a repository's branch, and Flux asked to fetch it. */
export interface PushFollowers {
  /** The live environments whose GitOps target is the repository's `branch`. */
  count(repositoryId: string, branch: string): Promise<number>;
  /** Asks each of them to reconcile its source now, as Flux's webhook Receiver would. */
  reconcile(repositoryId: string, branch: string): Promise<SourceReconcileRequest[]>;
}

/**
 * Pushes reported by GitHub or GitLab webhooks. A push to the default branch of a connected
 * repository records its head commit (as a sync would); a push to any branch that environments
 * follow asks their Flux sources to fetch now. Each such push is audited per repository;
 * pushes to other repositories or branches change nothing.
 */
export class RepositoryPushes {
  constructor(
    private readonly deps: {
      store: RepositoryStore;
      audit: AuditTrail;
      followers: PushFollowers;
      logger: LoggerService;
    },
  ) {}

  async received(push: RepositoryPush): Promise<void> {
    const keys = push.urls.map(repositoryKeyOf).filter((key): key is string => Boolean(key));
    for (const repo of await this.deps.store.connectedTo(keys)) {
      try {
        await this.receivedFor(repo, push);
      } catch (error) {
        // One project's failure must not keep the push from the others.
        this.deps.logger.warn(`Could not record the push to ${push.branch} of ${repo.url} for ${repo.org}/${repo.project}: ${error}`);
      }
    }
  }

  private async receivedFor(repo: RepositoryRecord, push: RepositoryPush) {
    const defaultBranch = push.defaultBranch ?? repo.defaultBranch;
    const onDefaultBranch = push.branch === defaultBranch;
    const followers = await this.deps.followers.count(repo.id, push.branch);
    if (!onDefaultBranch && followers === 0) return;

    // Flux is asked before the transaction opens: no lock is held over the network.
    const requests = followers > 0 ? await this.deps.followers.reconcile(repo.id, push.branch) : [];
    const who = push.pusher ?? 'Someone';
    const asked = requests.length
      ? `; asked Flux to fetch it for ${requests.map(r => `${r.environment} (${r.outcome})`).join(', ')}`
      : '';
    await this.deps.audit.systemChange(
      PUSH_ACTOR,
      'repository.push',
      { resourceType: 'repository', resourceId: repo.id, org: repo.org, project: repo.project },
      async trx => {
        if (onDefaultBranch) {
          await this.deps.store.recordSync(trx, repo, {
            status: 'synced',
            reason: null,
            message: null,
            defaultBranch: push.branch,
            headCommit: push.commit,
          });
        }
        const after = onDefaultBranch ? (await this.deps.store.get(repo.projectId, repo.id, trx))! : repo;
        return {
          result: undefined,
          message: `${who} pushed ${push.commit} to ${push.branch} of ${repo.url} (${push.provider} webhook)${asked}`,
          ...(onDefaultBranch ? { before: publicRepository(repo), after: publicRepository(after) } : {}),
        };
      },
    );
  }
}
