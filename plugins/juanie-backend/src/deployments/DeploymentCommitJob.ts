import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { deploymentTransitionRule } from '@juanie/plugin-juanie-common';
import { AuditTrail } from '../audit/AuditTrail';
import { AppliedChange, GitOpsConflictError, ManifestWork } from '../gitops';
import { Job } from '../jobs/JobQueue';
import { JobHandler } from '../jobs/JobRunner';
import { DeploymentNotifier } from './DeploymentNotifier';
import { DeploymentRecord, DeploymentStore, StatusChange } from './DeploymentStore';
import { DeploymentTargets, GitOpsLocation } from './DeploymentTargets';
import { authorOf, describeChange } from './describeChange';
import { PolicyService } from '../policies/PolicyService';
import { EnvironmentRecord } from '../projects/EnvironmentStore';
import { ProjectRecord } from '../projects/ProjectStore';
import { PolicyViolationError } from './PolicyViolationError';

export const COMMIT_JOB = 'deployment.commit';

/** Who commits, in the audit trail and the timeline. */
export const COMMIT_ACTOR = 'plugin:juanie/commit-job';

/** The trailer that lets Juanie find its own commit of a deployment after a crash. */
export const DEPLOYMENT_ID_TRAILER = 'Juanie-Deployment-Id';

/**
 * Commits an approved deployment to its environment's GitOps path. Runs as a durable job with
 * one writer per repository (the job's serial key). A retry after a crash first looks for a
 * commit carrying the deployment's id: if the push happened, it only records it; if it did
 * not, the change is applied again on the branch head. Nothing is committed twice.
 */
export class DeploymentCommitJob implements JobHandler {
  constructor(
    private readonly deps: {
      /** Edits on a manifest worker, off the thread that answers requests. */
      manifests: ManifestWork;
      store: DeploymentStore;
      targets: DeploymentTargets;
      audit: AuditTrail;
      notifier: DeploymentNotifier;
      logger: LoggerService;
      policies: Pick<PolicyService, 'evaluate'>;
      /** Runs once the commit is recorded (Flux may have applied it already). */
      afterCommitted?: (deploymentId: string) => Promise<void>;
    },
  ) {}

  async run(job: Job): Promise<void> {
    const { deploymentId } = job.payload as { deploymentId: string };
    const current = await this.deps.store.get(deploymentId);
    if (current?.status !== 'queued' && current?.status !== 'committing') {
      // Cancelled (also by deleting where it goes) or already done before the job got to it.
      return;
    }
    const target = await this.deps.targets.resolve(deploymentId).catch(error => {
      if (!(error instanceof NotFoundError)) throw error;
      // Its environment was deleted by a version that left it queued: the scheduled sweep closes it.
      this.deps.logger.info(`Not committing deployment ${deploymentId}: ${error.message}`);
      return undefined;
    });
    if (!target) return;
    const { deployment, org, project, env } = target;
    const gitops = await this.deps.targets.gitops(project, env);
    if (deployment.status === 'queued') {
      await this.record(deployment, { transition: 'startCommit', by: 'commitJob', reason: 'Committing' }, 'Committing to git');
    } else {
      // An earlier attempt got as far as committing and died: its push may have happened.
      const pushed = await gitops.workingCopy.findCommitByTrailer(gitops.branch, DEPLOYMENT_ID_TRAILER, deployment.id);
      if (pushed) {
        this.deps.logger.info(`Deployment ${deployment.id} was pushed as ${pushed} before a restart; recording it`);
        await this.committed(deployment, pushed, gitops, true);
        return;
      }
    }
    // A rollback restores the files of an earlier commit; read them before taking the clone.
    const restored =
      deployment.method === 'rollback' ? await this.restoredFiles(deployment, gitops) : undefined;
    try {
      const sha = await gitops.workingCopy.commitChange({
        branch: gitops.branch,
        path: gitops.path,
        apply: (files, links) => this.applyWithinPolicies(org.slug, project, env, deployment, files, restored, links),
        message: await this.messageOf(deployment, env.slug),
        trailers: await this.trailersOf(deployment),
        author: authorOf(deployment.requestedBy),
        baseRevision: deployment.baseRevision ?? undefined,
      });
      await this.committed(deployment, sha, gitops, false);
    } catch (error) {
      if (error instanceof PolicyViolationError) {
        await this.record(
          deployment,
          { transition: 'failCommit', by: 'commitJob', reason: 'PolicyViolation', message: error.message },
          `Not committed: ${error.message}`,
          { title: `Your deployment to ${deployment.environment} was stopped by a policy`, description: error.message },
        );
        return;
      }
      if (!(error instanceof GitOpsConflictError)) throw error;
      await this.record(
        deployment,
        {
          transition: 'failCommit',
          by: 'commitJob',
          reason: 'Conflict',
          message: error.message,
          conflicts: error.conflicts,
        },
        `Conflict: ${error.message}`,
        { title: `Your deployment to ${deployment.environment} conflicts with the branch`, description: error.message },
      );
    }
  }

  /** After the last attempt: the deployment fails with the error, and the requester hears of it. */
  async giveUp(job: Job, error: Error): Promise<void> {
    const { deploymentId } = job.payload as { deploymentId: string };
    const deployment = await this.deps.store.get(deploymentId);
    if (!deployment || !deploymentTransitionRule('failCommit').from.includes(deployment.status)) return;
    await this.record(
      deployment,
      { transition: 'failCommit', by: 'commitJob', reason: 'CommitFailed', message: error.message },
      `Commit failed after ${job.attempts} attempts: ${error.message}`,
      { title: `Your deployment to ${deployment.environment} failed`, description: error.message },
    );
  }

  private async restoredFiles(deployment: DeploymentRecord, gitops: GitOpsLocation) {
    const earlier = await this.deps.store.get(deployment.rollbackOf ?? '');
    if (!earlier?.commitSha) throw new Error(`Deployment ${deployment.rollbackOf} has no commit to restore`);
    return gitops.workingCopy.readRevision(earlier.commitSha, gitops.path);
  }

  /**
   * The change on the files the commit is about to write, judged again by the environment's
   * policies as they are now: a policy or freeze window may have been added, or the branch
   * moved, since the request was approved. An enforced violation throws before anything is
   * written, so nothing is committed. It runs inside the commit, under the clone's lock, on the
   * very files that would be pushed (again on the new head when the branch moved).
   */
  private async applyWithinPolicies(
    org: string,
    project: ProjectRecord,
    env: EnvironmentRecord,
    deployment: DeploymentRecord,
    files: Record<string, string>,
    restored: Record<string, string> | undefined,
    links: string[],
  ): Promise<AppliedChange> {
    const change = await this.apply(deployment, files, restored, links);
    const rendered = { ...files, ...change.files };
    for (const file of change.deleted ?? []) delete rendered[file];
    const evaluation = await this.deps.policies.evaluate({
      org,
      project: project.slug,
      environment: {
        slug: env.slug,
        kind: env.kind,
        requiredApprovals: deployment.approvalRule.requiredApprovals,
        allowSelfApproval: deployment.approvalRule.allowSelfApproval,
      },
      files: Object.fromEntries(Object.entries(rendered).filter(([file]) => !file.startsWith('../'))),
      at: new Date(),
    });
    if (evaluation.enforced) throw new PolicyViolationError(evaluation.violations, env.slug);
    return change;
  }

  private async apply(
    deployment: DeploymentRecord,
    files: Record<string, string>,
    restored: Record<string, string> | undefined,
    links: string[],
  ): Promise<AppliedChange> {
    if (restored) {
      const own = Object.keys(files).filter(file => !file.startsWith('../'));
      return {
        files: Object.fromEntries(Object.entries(restored).filter(([file, text]) => files[file] !== text)),
        deleted: own.filter(file => !(file in restored)),
      };
    }
    const edit = await this.deps.manifests.run({
      kind: 'edit',
      request: { files, links, workload: deployment.workload ?? undefined, change: deployment.changes! },
    });
    return { files: edit.files, changes: edit.changes };
  }

  private async committed(deployment: DeploymentRecord, sha: string, gitops: GitOpsLocation, recovered: boolean) {
    try {
      await this.record(
        deployment,
        { transition: 'commit', by: 'commitJob', reason: 'Committed', message: `${sha} on ${gitops.branch}`, commitSha: sha },
        `Committed ${sha.slice(0, 7)} to ${gitops.branch}${recovered ? ' (found after a restart)' : ''}`,
        {
          title: `Committed: ${deployment.project} to ${deployment.environment}`,
          description: `${deployment.message} is in ${gitops.branch} as ${sha.slice(0, 7)}`,
        },
      );
    } catch (error) {
      const now = await this.deps.store.get(deployment.id);
      if (!(error instanceof ConflictError) || now?.status !== 'cancelled') throw error;
      // Its environment was deleted while it was committing; the deletion closed it.
      this.deps.logger.warn(`Deployment ${deployment.id} was closed while committing; its commit ${sha} stays on ${gitops.branch}`);
      return;
    }
    await this.deps.afterCommitted?.(deployment.id).catch(error =>
      this.deps.logger.warn(`Could not look at the Flux status after committing ${deployment.id}: ${error}`),
    );
  }

  /** A status change with its timeline event, audit event and notification, in one transaction. */
  private async record(
    deployment: DeploymentRecord,
    change: StatusChange,
    message: string,
    notifyRequester?: { title: string; description: string },
  ) {
    const to = deploymentTransitionRule(change.transition).to;
    await this.deps.audit.systemChange(
      COMMIT_ACTOR,
      `deployment.${to === 'committing' ? 'commit-start' : to}`,
      { resourceType: 'deployment', resourceId: deployment.id, org: deployment.org, project: deployment.project },
      async trx => {
        await this.deps.store.transition(trx, deployment.id, change);
        await this.deps.store.addEvent(trx, deployment.id, {
          type: 'status',
          actorRef: COMMIT_ACTOR,
          status: to,
          message,
        });
        if (notifyRequester) await this.deps.notifier.notify(trx, deployment, [deployment.requestedBy], notifyRequester);
        return { result: undefined, message: `Deployment ${deployment.id}: ${message}` };
      },
    );
    await this.deps.notifier.changed(deployment, to);
  }

  private async messageOf(deployment: DeploymentRecord, env: string): Promise<string> {
    const what =
      deployment.method === 'rollback'
        ? `roll back to deployment ${deployment.rollbackOf}`
        : describeChange(deployment.changes!);
    const subject = `${deployment.project}/${env}: ${what}${deployment.workload ? ` (${deployment.workload})` : ''}`;
    return deployment.message && deployment.message !== subject ? `${subject}\n\n${deployment.message}` : subject;
  }

  private async trailersOf(deployment: DeploymentRecord): Promise<Record<string, string>> {
    const approvers = (await this.deps.store.votes(deployment.id))
      .filter(vote => vote.decision === 'approve')
      .map(vote => vote.approverRef);
    return {
      [DEPLOYMENT_ID_TRAILER]: deployment.id,
      'Juanie-Requested-By': deployment.requestedBy,
      ...(approvers.length ? { 'Juanie-Approved-By': approvers.join(', ') } : {}),
    };
  }
}
