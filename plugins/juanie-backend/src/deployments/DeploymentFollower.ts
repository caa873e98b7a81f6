import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { deploymentTransitionRule, durationToSeconds } from '@juanie/plugin-juanie-common';
import { AuditTrail } from '../audit/AuditTrail';
import { FluxObjectRecord } from '../clusters/FluxObjectStore';
import { isUniqueViolation } from '../shared/dbValues';
import { DEPLOYMENT_ID_TRAILER } from './DeploymentCommitJob';
import { DeploymentNotifier } from './DeploymentNotifier';
import { DeploymentRecord, DeploymentStore, StatusChange } from './DeploymentStore';
import { DeploymentInContext, DeploymentTargets, GitOpsLocation } from './DeploymentTargets';
import { RelatedObjects, WorkloadProgress, workloadProgress } from './workloadProgress';

/** Who moves deployments after their commit, in the audit trail and the timeline. */
export const FLUX_ACTOR = 'plugin:juanie/flux-watcher';

const DEFAULT_TIMEOUT = 'PT10M';

/**
 * Follows committed deployments through Flux (docs/deployment-flow.md, steps 4-5): the
 * environment's workload attempting a revision that contains the commit makes it reconciling,
 * applying it and being Ready makes it succeeded, failing on it makes it failed with Flux's
 * reason and message. A Kustomization names git revisions; a HelmRelease names chart
 * versions and releases, read as {@link workloadProgress} says. A commit Flux applies that Juanie did not make becomes a `git`
 * deployment, once per environment however many replicas see it.
 */
export class DeploymentFollower {
  constructor(
    private readonly deps: {
      store: DeploymentStore;
      targets: DeploymentTargets;
      audit: AuditTrail;
      notifier: DeploymentNotifier;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  /**
   * Called whenever the environment's workload object changed, or an object that tells about
   * it (`related`: its source, the Kustomization that applied it).
   */
  async workloadChanged(
    context: Omit<DeploymentInContext, 'deployment'>,
    workload: FluxObjectRecord,
    previous?: FluxObjectRecord,
    related: RelatedObjects = {},
  ) {
    const gitops = await this.deps.targets.gitops(context.project, context.env);
    // Success needs a status of the current spec; a failure on an attempted revision that contains
    // the commit is final whatever the generation (Flux may not bump observedGeneration then).
    const progress = workloadProgress(workload, related);
    // A HelmRelease's values come from git through the Kustomization that applies it: until
    // that has applied the commit, a release says nothing about it.
    const viaApplier = workload.kind === 'HelmRelease' && workload.appliedBy !== null;
    for (const deployment of await this.deps.store.following(context.env.id)) {
      const contains = (sha: string | null) => this.contains(gitops, deployment.commitSha!, sha);
      const delivered = viaApplier && (await contains(progress.delivered));
      if (progress.healthy && (!viaApplier || delivered) && (await contains(progress.applied))) {
        await this.move(deployment, {
          transition: 'succeed',
          reason: workload.readyReason ?? 'ReconciliationSucceeded',
          message: workload.readyMessage,
        }, `Applied and healthy: ${workload.lastAppliedRevision}`);
      } else if (progress.failing && (await contains(progress.attempted))) {
        await this.move(deployment, {
          transition: 'fail',
          reason: workload.readyReason ?? 'ReconciliationFailed',
          message: workload.readyMessage,
        }, `Flux failed: ${workload.readyReason}: ${workload.readyMessage ?? ''}`.trim());
      } else if (deployment.status === 'committed' && (delivered || (await contains(progress.attempted)))) {
        await this.move(deployment, {
          transition: 'reconcile',
          reason: 'Progressing',
          message: workload.lastAttemptedRevision,
        }, `Flux is applying ${workload.lastAttemptedRevision ?? related.applier?.lastAppliedRevision}`);
      }
    }
    if (progress.appliedCommit && progress.healthy && this.isNewlyApplied(workload, progress, previous, related)) {
      await this.recordGitDeployment(context, gitops, progress.appliedCommit);
    }
  }

  /** A Kustomization applied another commit; a HelmRelease made another release. */
  private isNewlyApplied(workload: FluxObjectRecord, progress: WorkloadProgress, previous: FluxObjectRecord | undefined, related: RelatedObjects) {
    if (workload.kind === 'HelmRelease') return previous?.release?.digest !== workload.release?.digest;
    return (previous ? workloadProgress(previous, related).appliedCommit : null) !== progress.appliedCommit;
  }

  /** Fails deployments that were not applied and healthy within their environment's deadline. */
  async timeOut(timeoutOf: (environmentId: string) => Promise<string | undefined>): Promise<number> {
    const now = (this.deps.now?.() ?? new Date()).getTime();
    let failed = 0;
    for (const deployment of await this.deps.store.awaitingFlux()) {
      const timeout = (await timeoutOf(deployment.environmentId).catch(() => undefined)) ?? DEFAULT_TIMEOUT;
      const deadline = Date.parse(deployment.committedAt) + (durationToSeconds(timeout) ?? 600) * 1000;
      if (now < deadline) continue;
      try {
        await this.move(deployment, {
          transition: 'timeOut',
          reason: 'Timeout',
          message: `Not applied and healthy within ${timeout}`,
        }, `Timed out: not applied and healthy within ${timeout}`);
        failed++;
      } catch (error) {
        // One deployment (one tenant) must not keep the others from timing out.
        this.deps.logger.error(`Could not time out deployment ${deployment.id} of ${deployment.org}/${deployment.project}: ${error}`);
      }
    }
    return failed;
  }

  private async contains(gitops: GitOpsLocation, commit: string, revision: string | null): Promise<boolean> {
    if (!revision) return false;
    // A chart version names a commit by its first 12 characters.
    if (commit.startsWith(revision)) return true;
    // Flux may skip commits: a later revision on the branch contains the earlier ones.
    return gitops.workingCopy.isAncestor(commit, revision).catch(() => false);
  }

  private async move(deployment: DeploymentRecord, change: Omit<StatusChange, 'by'>, message: string) {
    // The time-out is the scheduler's; everything else is what the watcher sees of Flux.
    const by = change.transition === 'timeOut' ? 'scheduler' : 'fluxWatcher';
    const to = deploymentTransitionRule(change.transition).to;
    try {
      await this.deps.audit.systemChange(
        FLUX_ACTOR,
        `deployment.${to}`,
        { resourceType: 'deployment', resourceId: deployment.id, org: deployment.org, project: deployment.project },
        async trx => {
          await this.deps.store.transition(trx, deployment.id, { ...change, by });
          await this.deps.store.addEvent(trx, deployment.id, { type: 'status', actorRef: FLUX_ACTOR, status: to, message });
          if (to !== 'reconciling') {
            await this.deps.notifier.notify(trx, deployment, [deployment.requestedBy], {
              title: `${to === 'succeeded' ? 'Deployed' : 'Deployment failed'}: ${deployment.project} to ${deployment.environment}`,
              description: message,
              severity: to === 'failed' ? 'high' : 'normal',
            });
          }
          return { result: undefined, message: `Deployment ${deployment.id}: ${message}` };
        },
      );
      await this.deps.notifier.changed(deployment, to);
    } catch (error) {
      // Another replica's watcher moved it first.
      if (!(error instanceof ConflictError)) throw error;
    }
  }

  private async recordGitDeployment(context: Omit<DeploymentInContext, 'deployment'>, gitops: GitOpsLocation, sha: string) {
    const { org, project, env } = context;
    if (await this.deps.store.hasCommit(env.id, sha)) return;
    const commit = await gitops.workingCopy.commitInfo(sha, DEPLOYMENT_ID_TRAILER);
    // Juanie's own commit, applied before its job recorded it: that deployment will follow it.
    if (commit.trailer) return;
    try {
      const id = await this.deps.audit.systemChange(
        FLUX_ACTOR,
        'deployment.git',
        { resourceType: 'deployment', org: org.slug, project: project.slug },
        async trx => {
          const created = await this.deps.store.insertGitDeployment(trx, {
            projectId: project.id,
            environmentId: env.id,
            commitSha: sha,
            author: `git:${commit.author} <${commit.email}>`,
            message: commit.subject,
          });
          await this.deps.store.addEvent(trx, created, {
            type: 'status',
            actorRef: FLUX_ACTOR,
            status: 'succeeded',
            message: `${commit.author} pushed ${sha.slice(0, 7)} to ${gitops.branch}; Flux applied it`,
          });
          return { result: created, resourceId: created, message: `Recorded git commit ${sha} applied to ${env.slug}` };
        },
      );
      await this.deps.notifier.changed({ id, org: org.slug, project: project.slug, environment: env.slug }, 'succeeded');
    } catch (error) {
      // Another replica recorded the same commit first: one record per commit and environment.
      if (!isUniqueViolation(error) && !(error instanceof ConflictError)) throw error;
    }
  }
}
