import { AuditorService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { AuditOutcome } from '@juanie/plugin-juanie-common';
import { Knex } from 'knex';
import { RequestContext } from '../access/RequestContext';
import { isUniqueViolation } from '../shared/dbValues';
import { AuditStore, NewAuditEvent } from './AuditStore';

/** What an action is about; filled in as the action learns it (e.g. after parsing). */
export interface AuditTarget {
  resourceType: string;
  resourceId?: string | null;
  org?: string | null;
  project?: string | null;
}

/**
 * Another resource the same change changed (e.g. a deployment a deletion cancelled): it gets an
 * audit event of its own, by the same actor, in the same transaction.
 */
export interface RelatedAuditEvent extends AuditTarget {
  action: string;
  message: string;
  before?: unknown;
  after?: unknown;
}

/** What a committed change reports for its audit event. */
export interface CommittedChange<T> {
  result: T;
  message: string;
  resourceId?: string | null;
  before?: unknown;
  after?: unknown;
  related?: RelatedAuditEvent[];
}

/** A committed change, as listeners of {@link AuditTrail.onChange} hear of it. */
export interface AuditedChange {
  action: string;
  resourceType: string;
  resourceId: string | null;
  org: string | null;
  project: string | null;
}

/** Handed to the body of an audited action. */
export interface AuditedStep {
  target: AuditTarget;
  /** Runs the change in a transaction that also appends its audit event. */
  commit<T>(change: (trx: Knex.Transaction) => Promise<CommittedChange<T>>): Promise<T>;
}

/**
 * What a refusal says beyond its message, recorded as the event's `after`: an error may carry
 * an `auditDetail` (a policy refusal lists its violations there).
 */
function detailOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'auditDetail' in error ? error.auditDetail : undefined;
}

function outcomeOf(error: unknown): AuditOutcome {
  switch ((error as Error)?.name) {
    case 'InputError':
    case 'NotFoundError':
      return 'invalid';
    case 'NotAllowedError':
    case 'PolicyViolationError':
      return 'denied';
    case 'ConflictError':
      return 'conflict';
    default:
      return 'failure';
  }
}

/**
 * Every mutation goes through here: success is audited in the same transaction as the change,
 * and every refusal (invalid input, denied, conflict, failure) is audited on its own once the
 * change has rolled back. Each event is also forwarded to Backstage's auditor.
 */
export class AuditTrail {
  private readonly changeListeners: Array<(change: AuditedChange) => Promise<void>> = [];

  constructor(
    private readonly db: Knex,
    private readonly store: AuditStore,
    private readonly auditor: AuditorService,
  ) {}

  /** Hears of every committed change (after its transaction), e.g. to publish it as an event. */
  onChange(listener: (change: AuditedChange) => Promise<void>): void {
    this.changeListeners.push(listener);
  }

  private async changed(change: AuditedChange) {
    for (const listener of this.changeListeners) {
      await listener(change).catch(() => undefined);
    }
  }

  async action<T>(
    ctx: RequestContext,
    action: string,
    target: AuditTarget,
    body: (step: AuditedStep) => Promise<T>,
  ): Promise<T> {
    const forwarded = await this.auditor.createEvent({
      eventId: action.replace(/[._]/g, '-'),
      severityLevel: 'medium',
      request: ctx.request,
      meta: { action },
    });
    const related: RelatedAuditEvent[] = [];
    const step: AuditedStep = {
      target: { ...target },
      commit: change =>
        this.db
          .transaction(async trx => {
            const committed = await change(trx);
            await this.store.append(trx, {
              ...this.eventBase(ctx, action, step.target),
              resourceId: committed.resourceId ?? step.target.resourceId,
              outcome: 'success',
              message: committed.message,
              before: committed.before,
              after: committed.after,
            });
            for (const event of committed.related ?? []) {
              await this.store.append(trx, {
                ...this.eventBase(ctx, event.action, event),
                outcome: 'success',
                message: event.message,
                before: event.before,
                after: event.after,
              });
            }
            related.push(...(committed.related ?? []));
            return committed.result;
          })
          .catch(error => {
            if (!isUniqueViolation(error)) throw error;
            const { resourceType, resourceId } = step.target;
            const what = resourceId ? `${resourceType} ${resourceId}` : resourceType;
            throw new ConflictError(
              `A concurrent request changed ${what} first; reload and try again`,
            );
          }),
    };
    try {
      const result = await body(step);
      await forwarded.success({ meta: { ...step.target } });
      await this.changed({
        action,
        resourceType: step.target.resourceType,
        resourceId: step.target.resourceId ?? null,
        org: step.target.org ?? null,
        project: step.target.project ?? null,
      });
      await this.forwardRelated(ctx, related);
      return result;
    } catch (error) {
      await this.record({
        ...this.eventBase(ctx, action, step.target),
        outcome: outcomeOf(error),
        message: `${action} refused: ${(error as Error).message}`,
        after: detailOf(error),
      });
      await forwarded.fail({ error: error as Error, meta: { ...step.target } });
      throw error;
    }
  }

  /** Related events are in the trail already; Backstage's auditor and listeners hear of them now. */
  private async forwardRelated(ctx: RequestContext, events: RelatedAuditEvent[]) {
    for (const { action, message, before, after, ...target } of events) {
      const forwarded = await this.auditor.createEvent({
        eventId: action.replace(/[._]/g, '-'),
        severityLevel: 'medium',
        request: ctx.request,
        meta: { action },
      });
      await forwarded.success({ meta: { ...target } });
      await this.changed({
        action,
        resourceType: target.resourceType,
        resourceId: target.resourceId ?? null,
        org: target.org ?? null,
        project: target.project ?? null,
      });
    }
  }

  /** Appends one event in a transaction of its own (for events without a change). */
  async record(event: NewAuditEvent): Promise<void> {
    await this.db.transaction(trx => this.store.append(trx, event));
  }

  private eventBase(ctx: RequestContext, action: string, target: AuditTarget) {
    return {
      actorRef: ctx.actorRef,
      action,
      resourceType: target.resourceType,
      resourceId: target.resourceId ?? null,
      org: target.org ?? null,
      project: target.project ?? null,
      requestId: ctx.requestId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    };
  }

  /** A change made by Juanie itself (a scheduled task, the demo seed), audited like any other. */
  async systemChange<T>(
    actorRef: string,
    action: string,
    target: AuditTarget,
    change: (trx: Knex.Transaction) => Promise<CommittedChange<T>>,
  ): Promise<T> {
    const forwarded = await this.auditor.createEvent({
      eventId: action.replace(/[._]/g, '-'),
      severityLevel: 'medium',
      meta: { action, actorRef, ...target },
    });
    try {
      const result = await this.committedSystemChange(actorRef, action, target, change);
      await forwarded.success();
      await this.changed({
        action,
        resourceType: target.resourceType,
        resourceId: target.resourceId ?? null,
        org: target.org ?? null,
        project: target.project ?? null,
      });
      return result;
    } catch (error) {
      await forwarded.fail({ error: error as Error });
      throw error;
    }
  }

  private committedSystemChange<T>(
    actorRef: string,
    action: string,
    target: AuditTarget,
    change: (trx: Knex.Transaction) => Promise<CommittedChange<T>>,
  ): Promise<T> {
    return this.db.transaction(async trx => {
      const committed = await change(trx);
      await this.store.append(trx, {
        actorRef,
        action,
        ...target,
        resourceId: committed.resourceId ?? target.resourceId,
        outcome: 'success',
        message: committed.message,
        before: committed.before,
        after: committed.after,
      });
      return committed.result;
    });
  }
}
