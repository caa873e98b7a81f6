import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  approvalVoteSchema,
  juanieDeploymentApprovePermission,
  juanieProjectManagePermission,
} from '@juanie/plugin-juanie-common';
import { z } from 'zod';
import { AccessControl } from '../access/AccessControl';
import { Caller } from '../access/Callers';
import { AuditedStep, AuditTrail } from '../audit/AuditTrail';
import { OrganizationRecord } from '../orgs/OrganizationStore';
import { TeamService } from '../orgs/TeamService';
import { gateVerdict } from './approvalGate';
import { DeploymentNotifier } from './DeploymentNotifier';
import { DeploymentRequests } from './DeploymentRequests';
import { DeploymentRecord, DeploymentStore } from './DeploymentStore';
import { DeploymentInContext, DeploymentTargets } from './DeploymentTargets';
import { refusalOfVote, Voter, VoteRefusal } from './voteEligibility';

/** The HTTP error of a refused vote: 403 when it is not the caller's to decide, else 409. */
function refusalError(refusal: VoteRefusal): Error {
  return refusal.kind === 'forbidden' ? new NotAllowedError(refusal.reason) : new ConflictError(refusal.reason);
}

/** Who runs scheduled changes, in the audit trail and the timeline. */
export const SCHEDULER_ACTOR = 'plugin:juanie/scheduler';

/** The approval gate at work: votes, the caller's inbox and the expiry of old requests. */
export class DeploymentApprovals {
  constructor(
    private readonly deps: {
      store: DeploymentStore;
      targets: DeploymentTargets;
      requests: DeploymentRequests;
      access: AccessControl;
      audit: AuditTrail;
      teams: TeamService;
      notifier: DeploymentNotifier;
      logger: LoggerService;
      wakeJobs(): void;
      now?: () => Date;
    },
  ) {}

  /** `POST /deployments/{id}/approvals`, inside the route's audited step. */
  async vote(
    step: AuditedStep,
    caller: Caller,
    id: string,
    vote: z.output<typeof approvalVoteSchema>,
  ): Promise<DeploymentRecord> {
    const { deployment, org, project } = await this.deps.targets.resolveFor(caller.ctx.credentials, id);
    Object.assign(step.target, { org: org.slug, project: project.slug });
    const { actorRef } = caller.ctx;
    const voter = await this.voterOf(caller, org);
    const may = await this.permissionsOf(caller, `${org.slug}/${project.slug}`);
    const ask = (current: DeploymentRecord, votedBy: string[]) =>
      refusalOfVote({ deployment: current, voter, votedBy, may, now: this.now() });
    const early = ask(deployment, (await this.deps.store.votes(id)).map(earlier => earlier.approverRef));
    // A vote after expiresAt does not count, whether or not the sweeper has run: the request
    // expires now, and the vote is refused.
    if (early?.kind === 'expired') {
      await this.expire(deployment).catch(error => {
        if (!(error instanceof ConflictError)) throw error;
      });
    }
    if (early) throw refusalError(early);
    const status = await step.commit(async trx => {
      // Asked again under the row lock: a vote or a status change may have come meanwhile.
      const current = await this.deps.store.getForUpdate(trx, id);
      if (!current) throw new ConflictError(`Deployment ${id} does not exist any more`);
      const votes = await this.deps.store.votes(id, trx);
      const refusal = ask(current, votes.map(earlier => earlier.approverRef));
      if (refusal) throw refusalError(refusal);
      await this.deps.store.addVote(trx, id, { approverRef: actorRef, ...vote });
      const verb = vote.decision === 'approve' ? 'Approved' : 'Rejected';
      await this.deps.store.addEvent(trx, id, {
        type: vote.decision === 'approve' ? 'approved' : 'rejected',
        actorRef,
        message: vote.comment ? `${verb}: ${vote.comment}` : verb,
      });
      const verdict = gateVerdict(current.approvalRule, [...votes, { approverRef: actorRef, decision: vote.decision }]);
      const next = await this.applyVerdict(trx, current, verdict, actorRef, vote.comment);
      await this.deps.notifier.notify(trx, current, [current.requestedBy], {
        title: `${verb} by ${actorRef}: ${current.project} to ${current.environment}`,
        description: [vote.comment, next === 'queued' ? 'The gate is open; committing now.' : '']
          .filter(Boolean)
          .join(' '),
        severity: vote.decision === 'reject' ? 'high' : 'normal',
      });
      return {
        result: next,
        resourceId: id,
        message: `${verb} deployment ${id} to ${current.environment}${vote.comment ? `: ${vote.comment}` : ''}`,
        after: { decision: vote.decision, comment: vote.comment, status: next },
      };
    });
    await this.deps.notifier.changed(deployment, status);
    if (status === 'queued') this.deps.wakeJobs();
    return (await this.deps.store.get(id))!;
  }

  /**
   * Whether the caller's vote on the deployment would count now (allowedActions.vote). The
   * permission policy is asked only when nothing else refuses the vote: permissions only ever
   * add refusals, so a vote refused with every permission is refused.
   */
  async mayVote(caller: Caller, { deployment, org, project }: DeploymentInContext, votedBy: string[]): Promise<boolean> {
    const question = { deployment, voter: await this.voterOf(caller, org), votedBy, now: this.now() };
    if (refusalOfVote({ ...question, may: { approve: true, manage: true } })) return false;
    return !refusalOfVote({ ...question, may: await this.permissionsOf(caller, `${org.slug}/${project.slug}`) });
  }

  /**
   * `GET /approvals`: a page of the requests the caller may vote on now, oldest first, after
   * the sort key `after`. The permission policy is asked once per project that has such
   * requests; the rest of who may vote is one query (voteEligibilityQuery.ts).
   */
  async inbox(caller: Caller, limit: number, after?: string): Promise<DeploymentRecord[]> {
    const filter = { userRef: caller.ctx.actorRef, claims: caller.claims, now: this.now() };
    const candidates = await this.deps.store.projectsAwaitingVote(filter);
    const refs = candidates.map(candidate => candidate.ref);
    const { credentials } = caller.ctx;
    const [approve, manage] = await Promise.all([
      this.deps.access.allowedAmong(credentials, juanieDeploymentApprovePermission, refs),
      this.deps.access.allowedAmong(credentials, juanieProjectManagePermission, refs),
    ]);
    const idsOf = (allowed: string[]) => {
      const set = new Set(allowed);
      return candidates.filter(candidate => set.has(candidate.ref)).map(candidate => candidate.id);
    };
    return this.deps.store.awaitingVote(
      { ...filter, projects: { approve: idsOf(approve), manage: idsOf(manage) } },
      limit,
      after,
    );
  }

  /** The keyset sort key of an inbox item (for the page's cursor). */
  sortKeyOf(deployment: DeploymentRecord): string {
    return this.deps.store.sortKeyOf(deployment);
  }

  /** Ends the requests nobody decided on in time (the scheduled task, once across replicas). */
  async expireOverdue(): Promise<number> {
    let expired = 0;
    for (const id of await this.deps.store.overdue(this.deps.now?.() ?? new Date())) {
      const deployment = await this.deps.store.get(id);
      if (!deployment) continue;
      try {
        await this.expire(deployment);
        expired++;
      } catch (error) {
        // A vote or a cancel got there first: nothing to expire.
        if (error instanceof ConflictError) continue;
        // One request (one tenant) must not keep the others from expiring.
        this.deps.logger.error(`Could not expire deployment ${id} of ${deployment.org}/${deployment.project}: ${error}`);
      }
    }
    return expired;
  }

  /** Ends one request nobody decided on in time; a ConflictError when a vote or a cancel got there first. */
  private async expire(deployment: DeploymentRecord) {
    const id = deployment.id;
    await this.deps.audit.systemChange(
      SCHEDULER_ACTOR,
      'deployment.expire',
      { resourceType: 'deployment', resourceId: id, org: deployment.org, project: deployment.project },
      async trx => {
        await this.deps.store.transition(trx, id, {
          transition: 'expire',
          by: 'scheduler',
          reason: 'Expired',
          message: `Not approved within ${deployment.approvalRule.expiresAfter}`,
        });
        await this.deps.store.addEvent(trx, id, {
          type: 'expired',
          actorRef: SCHEDULER_ACTOR,
          status: 'expired',
          message: `Expired: not approved within ${deployment.approvalRule.expiresAfter}`,
        });
        await this.deps.notifier.notify(trx, deployment, [deployment.requestedBy], {
          title: `Your deployment to ${deployment.environment} expired`,
          description: `"${deployment.message}" was not approved within ${deployment.approvalRule.expiresAfter}`,
        });
        return { result: undefined, message: `Deployment ${id} to ${deployment.environment} expired` };
      },
    );
    await this.deps.notifier.changed(deployment, 'expired');
  }

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  private async applyVerdict(
    trx: Parameters<Parameters<AuditedStep['commit']>[0]>[0],
    deployment: DeploymentRecord,
    verdict: ReturnType<typeof gateVerdict>,
    actorRef: string,
    comment: string,
  ) {
    if (verdict === 'rejected') {
      await this.deps.store.transition(trx, deployment.id, {
        transition: 'reject',
        by: 'approver',
        reason: 'Rejected',
        message: comment,
      });
      await this.deps.store.addEvent(trx, deployment.id, {
        type: 'status',
        actorRef,
        status: 'rejected',
        message: 'The request was rejected',
      });
      return 'rejected' as const;
    }
    if (verdict === 'open') {
      await this.deps.store.transition(trx, deployment.id, {
        transition: 'approve',
        by: 'approver',
        reason: 'Approved',
        message: `${deployment.approvalRule.requiredApprovals} of ${deployment.approvalRule.requiredApprovals} approvals`,
      });
      await this.deps.store.addEvent(trx, deployment.id, {
        type: 'status',
        actorRef,
        status: 'queued',
        message: 'Approved; queued for commit',
      });
      await this.deps.requests.enqueueCommit(trx, deployment);
      return 'queued' as const;
    }
    return 'pending_approval' as const;
  }

  /** What the permission policy lets the caller do on the project, as voting needs it. */
  private async permissionsOf(caller: Caller, projectRef: string) {
    const { credentials } = caller.ctx;
    const [approve, manage] = await Promise.all([
      this.deps.access.can(credentials, juanieDeploymentApprovePermission, projectRef),
      this.deps.access.can(credentials, juanieProjectManagePermission, projectRef),
    ]);
    return { approve, manage };
  }

  /** The caller as the gate sees them: their claims plus the Juanie teams they are in. */
  async voterOf(caller: Caller, org: OrganizationRecord): Promise<Voter> {
    const teams = await this.deps.teams.teamSlugsOf(org, caller.claims);
    return { userRef: caller.ctx.actorRef, memberOf: [...caller.claims, ...teams.map(slug => `team:${slug}`)] };
  }
}
