import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { AuditedStep, CommittedChange, RelatedAuditEvent } from '../audit/AuditTrail';

/** An organisation, project or environment being deleted, by id. */
export interface DeletedScope {
  level: 'organization' | 'project' | 'environment';
  organizationId: string;
  projectId?: string;
  environmentId?: string;
  /** How people call it, e.g. `environment bygone/shop/dev`. */
  name: string;
}

/** What another domain did in the deletion's transaction, and what it does once it is committed. */
export interface DeletionEffects {
  events: RelatedAuditEvent[];
  afterCommit?: () => Promise<void>;
}

/** A domain's part of a deletion (the deployments domain closes the deployments in flight). */
export type DeletionListener = (trx: Knex.Transaction, scope: DeletedScope, actorRef: string) => Promise<DeletionEffects>;

/**
 * Deleting an organisation, project or environment also ends what hangs off it, in the same
 * transaction and audited with it. The domain that owns the deleted thing does not know the
 * others: they register here (wired in createJuanie).
 */
export class DeletionCascade {
  private readonly listeners: DeletionListener[] = [];

  constructor(private readonly logger: LoggerService) {}

  onDeleting(listener: DeletionListener): void {
    this.listeners.push(listener);
  }

  /** Commits `change` (the soft delete) with every listener's part, in one audited transaction. */
  async commit<T>(
    step: AuditedStep,
    scope: DeletedScope,
    actorRef: string,
    change: (trx: Knex.Transaction) => Promise<CommittedChange<T>>,
  ): Promise<T> {
    const afterCommit: Array<() => Promise<void>> = [];
    const result = await step.commit(async trx => {
      afterCommit.length = 0;
      const deleted = await change(trx);
      const related = [...(deleted.related ?? [])];
      for (const listener of this.listeners) {
        const effects = await listener(trx, scope, actorRef);
        related.push(...effects.events);
        if (effects.afterCommit) afterCommit.push(effects.afterCommit);
      }
      return { ...deleted, related };
    });
    for (const after of afterCommit) {
      // Live hints only (signals); the deletion and its effects are committed already.
      await after().catch(error => this.logger.warn(`After deleting ${scope.name}: ${error}`));
    }
    return result;
  }
}
