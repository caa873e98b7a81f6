import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { CommittedChange } from '../audit/AuditTrail';
import { assertWithinRoleCeiling } from '../access/roleCeiling';
import { MembershipStore } from './MembershipStore';

/** The sentences a kind of membership writes into its errors and its audit records. */
export interface MembershipMessages<R extends string, Scope, Subject> {
  /** The 409 of adding a membership that exists. */
  exists(scope: Scope, subject: Subject): string;
  /** The 404 of changing or removing one that does not. */
  missing(scope: Scope, subject: Subject): string;
  added(scope: Scope, subject: Subject, role: R): string;
  changed(scope: Scope, subject: Subject, from: R, to: R): string;
  removed(scope: Scope, subject: Subject): string;
  /** The 409 of demoting or removing the last holder of the top role; absent where none is required. */
  lastOwner?(scope: Scope, subject: Subject): string;
}

/**
 * One kind of membership: who belongs to what with which role. `Scope` is what the membership
 * belongs to (an organisation, a team, a project), `Subject` who holds it (a user ref, a team),
 * `Shown` how results and the audit trail show one (`{ userRef, role }`, `{ team, role }`).
 */
export interface MembershipKind<R extends string, Scope, Subject, Shown> {
  store: MembershipStore<R>;
  scopeId(scope: Scope): string;
  subjectId(subject: Subject): string;
  shown(subject: Subject, role: R): Shown;
  /** The audit record's resource id. */
  resourceId(scope: Scope, subject: Subject): string;
  messages: MembershipMessages<R, Scope, Subject>;
  /**
   * The role ceiling ({@link assertWithinRoleCeiling}), where it applies: the ladder weakest
   * first, and how its message names the scope and the subject. Team members have none.
   */
  ceiling?: {
    ladder: readonly R[];
    scope(scope: Scope): string;
    subject(subject: Subject): string;
  };
  /** Serialises the scope's membership changes, so quota and last-owner checks do not race. */
  lock?(trx: Knex.Transaction, scope: Scope): Promise<void>;
  /** A check before a membership is added, e.g. the member quota. */
  beforeAdd?(trx: Knex.Transaction, scope: Scope): Promise<void>;
}

/**
 * The rules every membership follows: add (409 when it exists), change role and remove (404 when
 * it does not), the role ceiling, the last owner, and the audit record of each change.
 */
export class Memberships<R extends string, Scope, Subject, Shown> {
  constructor(
    private readonly kind: MembershipKind<R, Scope, Subject, Shown>,
  ) {}

  get store(): MembershipStore<R> {
    return this.kind.store;
  }

  /** A page of the scope's memberships by subject id, after `after`. */
  async list(scope: Scope, limit: number, after?: string) {
    return this.kind.store.list(this.kind.scopeId(scope), { limit, after });
  }

  async count(scope: Scope, trx?: Knex) {
    return this.kind.store.count(this.kind.scopeId(scope), trx);
  }

  async add(
    trx: Knex.Transaction,
    scope: Scope,
    subject: Subject,
    role: R,
    actorRole?: R,
  ): Promise<CommittedChange<Shown & { createdAt: string }>> {
    const { kind } = this;
    this.assertWithinCeiling(scope, subject, actorRole, undefined, role);
    await kind.lock?.(trx, scope);
    if (
      await kind.store.getRole(
        kind.scopeId(scope),
        kind.subjectId(subject),
        trx,
      )
    ) {
      throw new ConflictError(kind.messages.exists(scope, subject));
    }
    await kind.beforeAdd?.(trx, scope);
    await kind.store.add(
      trx,
      kind.scopeId(scope),
      kind.subjectId(subject),
      role,
    );
    return {
      result: {
        ...kind.shown(subject, role),
        createdAt: new Date().toISOString(),
      },
      resourceId: kind.resourceId(scope, subject),
      message: kind.messages.added(scope, subject, role),
      after: kind.shown(subject, role),
    };
  }

  async setRole(
    trx: Knex.Transaction,
    scope: Scope,
    subject: Subject,
    role: R,
    actorRole?: R,
  ): Promise<CommittedChange<Shown>> {
    const { kind } = this;
    const current = await this.currentRole(trx, scope, subject);
    this.assertWithinCeiling(scope, subject, actorRole, current, role);
    if (current !== role)
      await this.assertNotLastOwner(trx, scope, subject, current);
    await kind.store.setRole(
      trx,
      kind.scopeId(scope),
      kind.subjectId(subject),
      role,
    );
    return {
      result: kind.shown(subject, role),
      resourceId: kind.resourceId(scope, subject),
      message: kind.messages.changed(scope, subject, current, role),
      before: kind.shown(subject, current),
      after: kind.shown(subject, role),
    };
  }

  async remove(
    trx: Knex.Transaction,
    scope: Scope,
    subject: Subject,
    actorRole?: R,
  ): Promise<CommittedChange<void>> {
    const { kind } = this;
    const current = await this.currentRole(trx, scope, subject);
    this.assertWithinCeiling(scope, subject, actorRole, current, undefined);
    await this.assertNotLastOwner(trx, scope, subject, current);
    await kind.store.remove(trx, kind.scopeId(scope), kind.subjectId(subject));
    return {
      result: undefined,
      resourceId: kind.resourceId(scope, subject),
      message: kind.messages.removed(scope, subject),
      before: kind.shown(subject, current),
    };
  }

  /** The subject's role, after the scope's lock; a 404 when it has none. */
  private async currentRole(
    trx: Knex.Transaction,
    scope: Scope,
    subject: Subject,
  ): Promise<R> {
    const { kind } = this;
    await kind.lock?.(trx, scope);
    const role = await kind.store.getRole(
      kind.scopeId(scope),
      kind.subjectId(subject),
      trx,
    );
    if (!role) throw new NotFoundError(kind.messages.missing(scope, subject));
    return role;
  }

  private assertWithinCeiling(
    scope: Scope,
    subject: Subject,
    actorRole: R | undefined,
    from?: R,
    to?: R,
  ) {
    const { ceiling } = this.kind;
    if (!ceiling) return;
    assertWithinRoleCeiling(ceiling.ladder, {
      actorRole,
      from,
      to,
      subject: ceiling.subject(subject),
      scope: ceiling.scope(scope),
    });
  }

  /** The top role of the ladder keeps at least one holder: `current` is about to lose it. */
  private async assertNotLastOwner(
    trx: Knex.Transaction,
    scope: Scope,
    subject: Subject,
    current: R,
  ) {
    const { kind } = this;
    const lastOwner = kind.messages.lastOwner;
    const ladder = kind.ceiling?.ladder;
    if (!lastOwner || !ladder || current !== ladder[ladder.length - 1]) return;
    if ((await kind.store.count(kind.scopeId(scope), trx, current)) <= 1) {
      throw new ConflictError(lastOwner(scope, subject));
    }
  }
}
