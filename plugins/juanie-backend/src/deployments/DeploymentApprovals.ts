import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  approvalVoteSchema,
  juanieDeploymentApprovePermission,
  juanieProjectManagePermission,
} from '@juanie/plugin-juanie-common';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { z } from 'zod';
import { AccessControl } from '../access/AccessControl';
import { Caller } from '../access/Callers';
import { AuditedStep, AuditTrail } from '../audit/AuditTrail';
import { OrganizationRecord } from '../orgs/OrganizationStore';
import { TeamService } from '../orgs/TeamService';
import { gateVerdict, isEligibleApprover, refusalOfVote, Voter } from './approvalGate';
import { DeploymentNotifier } from './DeploymentNotifier';
import { DeploymentRequests } from './DeploymentRequests';
import { DeploymentRecord, DeploymentStore } from './DeploymentStore';
import { DeploymentTargets } from './DeploymentTargets';

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
    const projectRef = `${org.slug}/${project.slug}`;
    const { credentials, actorRef } = caller.ctx;
    await this.deps.access.require(credentials, juanieDeploymentApprovePermission, projectRef);
    const voter = await this.voterOf(caller, org);
    const rule = deployment.approvalRule;
    // With no approvers listed, the project's maintainers decide.
    if (rule.approvers.length === 0 && !(await this.deps.access.can(credentials, juanieProjectManagePermission, projectRef))) {
      throw new NotAllowedError('This environment lists no approvers; only maintainers of the project can vote');
    }
    // A vote after expiresAt does not count, whether or not the sweeper has run: the request
    // expires now, and the vote is refused.
    if (deployment.status === 'pending_approval' && this.isOverdue(deployment)) {
      await this.expire(deployment).catch(error => {
        if (!(error instanceof ConflictError)) throw error;
      });
      throw new ConflictError(`Deployment ${id} expired at ${deployment.expiresAt}; it takes no more votes`);
    }
    const status = await step.commit(async trx => {
      const current = await this.deps.store.getForUpdate(trx, id);
      if (current?.status !== 'pending_approval') {
        throw new ConflictError(`Deployment ${id} is ${current?.status.replace('_', ' ')}; it takes no more votes`);
      }
      if (this.isOverdue(current)) {
        throw new ConflictError(`Deployment ${id} expired at ${current.expiresAt}; it takes no more votes`);
      }
      const votes = await this.deps.store.votes(id, trx);
      if (votes.some(earlier => earlier.approverRef === actorRef)) {
        throw new ConflictError(`${actorRef} has already voted on this deployment`);
      }
      const refusal = refusalOfVote(rule, voter, deployment.requestedBy, votes);
      if (refusal) throw new NotAllowedError(refusal);
      await this.deps.store.addVote(trx, id, { approverRef: actorRef, ...vote });
      const verb = vote.decision === 'approve' ? 'Approved' : 'Rejected';
      await this.deps.store.addEvent(trx, id, {
        type: vote.decision === 'approve' ? 'approved' : 'rejected',
        actorRef,
        message: vote.comment ? `${verb}: ${vote.comment}` : verb,
      });
      const verdict = gateVerdict(rule, [...votes, { approverRef: actorRef, decision: vote.decision }]);
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

  /** `GET /approvals`: requests the caller may vote on and has not voted on yet. */
  async inbox(caller: Caller): Promise<DeploymentRecord[]> {
    const pending = await this.deps.store.pendingApproval('all');
    const can = this.cachedPermissions(caller);
    const voterByOrg = new Map<string, Promise<Voter>>();
    const waiting: DeploymentRecord[] = [];
    for (const deployment of pending) {
      const projectRef = `${deployment.org}/${deployment.project}`;
      if (!(await can(juanieDeploymentApprovePermission, projectRef))) continue;
      if (deployment.approvalRule.approvers.length === 0 && !(await can(juanieProjectManagePermission, projectRef))) {
        continue;
      }
      if (!voterByOrg.has(deployment.org)) {
        voterByOrg.set(deployment.org, this.deps.targets.org(deployment.org).then(org => this.voterOf(caller, org)));
      }
      const voter = await voterByOrg.get(deployment.org)!;
      if (!isEligibleApprover(deployment.approvalRule, voter)) continue;
      if (deployment.requestedBy === voter.userRef && !deployment.approvalRule.allowSelfApproval) continue;
      const votes = await this.deps.store.votes(deployment.id);
      if (votes.some(vote => vote.approverRef === voter.userRef)) continue;
      waiting.push(deployment);
    }
    return waiting;
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
        await this.deps.store.changeStatus(trx, id, {
          from: ['pending_approval'],
          to: 'expired',
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

  private isOverdue(deployment: DeploymentRecord) {
    return deployment.expiresAt !== null && new Date(deployment.expiresAt).getTime() <= (this.deps.now?.() ?? new Date()).getTime();
  }

  private async applyVerdict(
    trx: Parameters<Parameters<AuditedStep['commit']>[0]>[0],
    deployment: DeploymentRecord,
    verdict: ReturnType<typeof gateVerdict>,
    actorRef: string,
    comment: string,
  ) {
    if (verdict === 'rejected') {
      await this.deps.store.changeStatus(trx, deployment.id, {
        from: ['pending_approval'],
        to: 'rejected',
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
      await this.deps.store.changeStatus(trx, deployment.id, {
        from: ['pending_approval'],
        to: 'queued',
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

  /** Permission checks of one caller, each asked once per project. */
  private cachedPermissions(caller: Caller) {
    const answers = new Map<string, Promise<boolean>>();
    return (permission: ResourcePermission, projectRef: string) => {
      const key = `${permission.name} ${projectRef}`;
      if (!answers.has(key)) answers.set(key, this.deps.access.can(caller.ctx.credentials, permission, projectRef));
      return answers.get(key)!;
    };
  }

  /** The caller as the gate sees them: their claims plus the Juanie teams they are in. */
  async voterOf(caller: Caller, org: OrganizationRecord): Promise<Voter> {
    const teams = await this.deps.teams.teamSlugsOf(org, caller.claims);
    return { userRef: caller.ctx.actorRef, memberOf: [...caller.claims, ...teams.map(slug => `team:${slug}`)] };
  }
}
