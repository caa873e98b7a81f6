import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { AuditTrail, RelatedAuditEvent } from '../audit/AuditTrail';
import { DeletedScope, DeletionEffects } from '../shared/DeletionCascade';
import { SCHEDULER_ACTOR } from './DeploymentApprovals';
import { DeploymentNotifier } from './DeploymentNotifier';
import { DeploymentRecord, DeploymentStore } from './DeploymentStore';

/** The reason a deployment ends with when where it goes is deleted. */
const REASONS: Record<DeletedScope['level'], string> = {
  organization: 'OrganizationDeleted',
  project: 'ProjectDeleted',
  environment: 'EnvironmentDeleted',
};

const NAMES: Record<DeletedScope['level'], string> = {
  organization: 'organisation',
  project: 'project',
  environment: 'environment',
};

const AFTER_COMMIT = new Set(['committing', 'committed', 'reconciling']);

/**
 * Ends the deployments of a deleted organisation, project or environment (the `close`
 * transition): a request not committed yet is called off; a commit Juanie made is no longer
 * followed (it stays on the branch, and the Flux objects that apply it stay in the cluster:
 * see createJuanie). Each ends `cancelled` with the reason, a timeline event, an audit event and
 * a word to the requester, as a cancel does. Their commit jobs find them cancelled and do nothing.
 */
export class DeploymentCloser {
  constructor(
    private readonly deps: {
      store: DeploymentStore;
      audit: AuditTrail;
      notifier: DeploymentNotifier;
      logger: LoggerService;
    },
  ) {}

  /** In the deletion's transaction: closes what is in flight there (a DeletionCascade listener). */
  async closeIn(trx: Knex.Transaction, scope: DeletedScope, actorRef: string): Promise<DeletionEffects> {
    const deployments = await this.deps.store.inFlightIn(trx, scope);
    const events: RelatedAuditEvent[] = [];
    for (const deployment of deployments) {
      const why = `${scope.name} was deleted by ${actorRef}`;
      events.push(await this.close(trx, deployment, REASONS[scope.level], why, actorRef));
    }
    return {
      events,
      afterCommit: async () => {
        for (const deployment of deployments) await this.deps.notifier.changed(deployment, 'cancelled');
      },
    };
  }

  /**
   * The scheduled sweep: closes deployments left in flight in places deleted before Juanie
   * closed them on deletion. One that cannot be closed is logged and the others still are.
   */
  async closeLeftInDeletedPlaces(): Promise<number> {
    let closed = 0;
    for (const { deployment, deleted } of await this.deps.store.inFlightInDeletedPlaces()) {
      const { id, org, project } = deployment;
      try {
        await this.deps.audit.systemChange(
          SCHEDULER_ACTOR,
          'deployment.cancel',
          { resourceType: 'deployment', resourceId: id, org, project },
          async trx => {
            const why = `its ${NAMES[deleted]} was deleted`;
            const event = await this.close(trx, deployment, REASONS[deleted], why, SCHEDULER_ACTOR);
            return { result: undefined, message: event.message, before: event.before, after: event.after };
          },
        );
        closed++;
        await this.deps.notifier.changed(deployment, 'cancelled');
      } catch (error) {
        if (error instanceof ConflictError) continue; // it moved on meanwhile
        this.deps.logger.error(`Could not close deployment ${id} of deleted ${deleted} ${org}/${project}: ${error}`);
      }
    }
    return closed;
  }

  private async close(
    trx: Knex.Transaction,
    deployment: DeploymentRecord,
    reason: string,
    why: string,
    actorRef: string,
  ): Promise<RelatedAuditEvent> {
    const { id, status, commitSha, environment } = deployment;
    const message = AFTER_COMMIT.has(status)
      ? `${why}; Juanie no longer follows ${commitSha ? `commit ${commitSha.slice(0, 7)}` : 'its commit'}, which stays on the branch`
      : `${why}; the request is called off`;
    // Whatever it is by now (a commit job may have moved it), it is still in flight: close it.
    const by = actorRef === SCHEDULER_ACTOR ? 'scheduler' : 'deletion';
    await this.deps.store.transition(trx, id, { transition: 'close', by, reason, message });
    await this.deps.store.addEvent(trx, id, { type: 'cancelled', actorRef, status: 'cancelled', message: `Cancelled: ${message}` });
    if (deployment.requestedBy !== actorRef) {
      await this.deps.notifier.notify(trx, deployment, [deployment.requestedBy], {
        title: `Your deployment to ${environment} was cancelled`,
        description: `"${deployment.message}": ${message}`,
      });
    }
    return {
      action: 'deployment.cancel',
      resourceType: 'deployment',
      resourceId: id,
      org: deployment.org,
      project: deployment.project,
      message: `Cancelled deployment ${id} to ${environment}: ${message}`,
      before: { status },
      after: { status: 'cancelled', reason },
    };
  }
}
