import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  ApprovalRule,
  COMMITTED_DEPLOYMENT_STATUSES,
  deploymentRequestSchema,
  durationToSeconds,
  juanieDeploymentCreatePermission,
  juanieProjectManagePermission,
  PolicyViolation,
} from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { z } from 'zod';
import { AccessControl } from '../access/AccessControl';
import { Caller } from '../access/Callers';
import { AuditedStep, AuditTrail } from '../audit/AuditTrail';
import { JobQueue } from '../jobs/JobQueue';
import { OrganizationRecord } from '../orgs/OrganizationStore';
import { PolicyService } from '../policies/PolicyService';
import { EnvironmentRecord } from '../projects/EnvironmentStore';
import { ProjectRecord } from '../projects/ProjectStore';
import { COMMIT_JOB } from './DeploymentCommitJob';
import { DeploymentNotifier } from './DeploymentNotifier';
import { assertNotArchived, DeploymentPreviewer } from './DeploymentPreviewer';
import { DeploymentRecord, DeploymentStore, NewDeployment } from './DeploymentStore';
import { DeploymentTargets } from './DeploymentTargets';
import { describeChange } from './describeChange';
import { PolicyViolationError } from './PolicyViolationError';

/**
 * Asking for deployments: a change to an environment, a rollback to an earlier deployment,
 * and calling a request off before it is committed.
 */
export class DeploymentRequests {
  constructor(
    private readonly deps: {
      store: DeploymentStore;
      targets: DeploymentTargets;
      previewer: DeploymentPreviewer;
      policies: PolicyService;
      access: AccessControl;
      audit: AuditTrail;
      jobs: JobQueue;
      notifier: DeploymentNotifier;
      /** Starts the job runner of this replica at once. */
      wakeJobs(): void;
      now?: () => Date;
    },
  ) {}

  /** `POST .../environments/{env}/deployments`, inside the route's audited step. */
  async request(
    step: AuditedStep,
    caller: Caller,
    target: { org: OrganizationRecord; project: ProjectRecord; env: EnvironmentRecord },
    input: z.output<typeof deploymentRequestSchema>,
  ): Promise<DeploymentRecord> {
    const { org, project, env } = target;
    const preview = await this.deps.previewer.preview(org, project, env, input);
    if (!preview.validation.valid) {
      const errors = preview.validation.errors.map(e => `${e.file}:${e.line}:${e.column} ${e.message}`);
      throw new InputError(`The change makes invalid manifests: ${errors.join('; ')}`);
    }
    // An environment whose stored approval rule is weaker than an enforced minApprovals policy
    // (fewer approvals, or self-approval where forbidden) fails that evaluation: the request is
    // refused (422) rather than silently given the policy's stricter rule, so that the gate a
    // deployment passes is always the rule the environment shows; an admin fixes the rule.
    if (preview.enforced) throw new PolicyViolationError(preview.violations, env.slug);
    const summary = describeChange(input.changes);
    return this.create(step, caller, env, preview.violations, {
      projectId: project.id,
      environmentId: env.id,
      method: 'juanie',
      requestedBy: caller.ctx.actorRef,
      workload: input.workload ?? null,
      changes: input.changes,
      message: input.message || `Deploy ${summary} to ${env.slug}`,
      baseRevision: input.baseRevision ?? preview.baseRevision,
      approvalRule: env.approval,
    });
  }

  /** `POST /deployments/{id}/rollback`: a new deployment restoring that one's files. */
  async rollback(step: AuditedStep, caller: Caller, id: string, note?: string): Promise<DeploymentRecord> {
    const { deployment: earlier, org, project, env } = await this.deps.targets.resolveFor(caller.ctx.credentials, id);
    Object.assign(step.target, { org: org.slug, project: project.slug });
    await this.deps.access.require(
      caller.ctx.credentials,
      juanieDeploymentCreatePermission,
      `${org.slug}/${project.slug}`,
    );
    assertNotArchived(project);
    if (!COMMITTED_DEPLOYMENT_STATUSES.includes(earlier.status) || !earlier.commitSha) {
      throw new ConflictError(
        `Deployment ${id} is ${earlier.status.replace('_', ' ')}; only a committed or succeeded deployment can be restored`,
      );
    }
    const gitops = await this.deps.targets.gitops(project, env);
    const files = await gitops.workingCopy.readRevision(earlier.commitSha, gitops.path);
    const evaluation = await this.deps.policies.evaluate({
      org: org.slug,
      project: project.slug,
      environment: {
        slug: env.slug,
        kind: env.kind,
        requiredApprovals: env.approval.requiredApprovals,
        allowSelfApproval: env.approval.allowSelfApproval,
      },
      files,
      at: this.now(),
    });
    if (evaluation.enforced) throw new PolicyViolationError(evaluation.violations, env.slug);
    return this.create(step, caller, env, evaluation.violations, {
      projectId: project.id,
      environmentId: env.id,
      method: 'rollback',
      requestedBy: caller.ctx.actorRef,
      rollbackOf: earlier.id,
      message: note || `Roll back ${env.slug} to ${earlier.commitSha.slice(0, 7)} (${earlier.message})`,
      approvalRule: env.approval,
    });
  }

  /** `POST /deployments/{id}/cancel`: the requester or a maintainer, before the commit starts. */
  async cancel(step: AuditedStep, caller: Caller, id: string, note?: string): Promise<DeploymentRecord> {
    const { deployment, org, project } = await this.deps.targets.resolveFor(caller.ctx.credentials, id);
    Object.assign(step.target, { org: org.slug, project: project.slug });
    const projectRef = `${org.slug}/${project.slug}`;
    const { credentials } = caller.ctx;
    await this.deps.access.require(credentials, juanieDeploymentCreatePermission, projectRef);
    if (deployment.requestedBy !== caller.ctx.actorRef) {
      if (!(await this.deps.access.can(credentials, juanieProjectManagePermission, projectRef))) {
        throw new NotAllowedError('Only the requester or a maintainer of the project can cancel a deployment');
      }
    }
    await step.commit(async trx => {
      await this.deps.store.transition(trx, id, {
        transition: 'cancel',
        by: deployment.requestedBy === caller.ctx.actorRef ? 'requester' : 'maintainer',
        reason: 'Cancelled',
        message: note ?? null,
      });
      await this.deps.store.addEvent(trx, id, {
        type: 'cancelled',
        actorRef: caller.ctx.actorRef,
        status: 'cancelled',
        message: note ? `Cancelled: ${note}` : 'Cancelled',
      });
      if (deployment.requestedBy !== caller.ctx.actorRef) {
        await this.deps.notifier.notify(trx, deployment, [deployment.requestedBy], {
          title: `Your deployment to ${deployment.environment} was cancelled`,
          description: `${caller.ctx.actorRef} cancelled "${deployment.message}"${note ? `: ${note}` : ''}`,
        });
      }
      return { result: undefined, message: `Cancelled deployment ${id} to ${deployment.environment}`, resourceId: id };
    });
    await this.deps.notifier.changed(deployment, 'cancelled');
    return (await this.deps.store.get(id))!;
  }

  private async create(
    step: AuditedStep,
    caller: Caller,
    env: EnvironmentRecord,
    warnings: PolicyViolation[],
    fields: Omit<NewDeployment, 'status' | 'expiresAt'>,
  ): Promise<DeploymentRecord> {
    const rule = fields.approvalRule;
    const status = rule.requiredApprovals > 0 ? 'pending_approval' : 'queued';
    const id = await step.commit(async trx => {
      const newId = await this.deps.store.insert(trx, {
        ...fields,
        status,
        expiresAt: status === 'pending_approval' ? this.expiryOf(rule) : null,
      });
      step.target.resourceId = newId;
      const warned = warnings.map(v => `warning from ${v.policyTitle}: ${v.message}`);
      await this.deps.store.addEvent(trx, newId, {
        type: 'requested',
        actorRef: caller.ctx.actorRef,
        status,
        message: [fields.message, ...warned].join('\n'),
      });
      const created = (await this.deps.store.get(newId, trx))!;
      if (status === 'queued') await this.enqueueCommit(trx, created);
      else await this.askApprovers(trx, created, rule);
      return {
        result: newId,
        resourceId: newId,
        message: `Requested ${fields.method === 'rollback' ? 'rollback' : 'deployment'} ${newId} to ${env.slug}: ${fields.message}`,
        after: { ...fields, environment: env.slug, status, warnings },
      };
    });
    const created = (await this.deps.store.get(id))!;
    await this.deps.notifier.changed(created, status);
    this.deps.wakeJobs();
    return created;
  }

  /** Queues the commit job: one writer per GitOps repository at a time. */
  async enqueueCommit(trx: Knex, deployment: DeploymentRecord): Promise<void> {
    const { gitops } = await this.deps.targets.resolve(deployment.id, trx).then(c => c.env);
    await this.deps.jobs.enqueue(trx, {
      kind: COMMIT_JOB,
      serialKey: `gitops:${gitops?.repositoryId ?? deployment.environmentId}`,
      payload: { deploymentId: deployment.id },
    });
  }

  private async askApprovers(trx: Knex, deployment: DeploymentRecord, rule: ApprovalRule) {
    const approvers = rule.approvers.filter(ref => ref !== deployment.requestedBy || rule.allowSelfApproval);
    await this.deps.notifier.notify(trx, deployment, approvers, {
      title: `Approval needed: ${deployment.project} to ${deployment.environment}`,
      description: `${deployment.requestedBy} asks to deploy: ${deployment.message}`,
      severity: 'high',
    });
  }

  private expiryOf(rule: ApprovalRule): Date {
    const seconds = durationToSeconds(rule.expiresAfter) ?? 3 * 24 * 3600;
    return new Date(this.now().getTime() + seconds * 1000);
  }

  private now() {
    return this.deps.now?.() ?? new Date();
  }
}
