import { MembershipKind, Memberships } from './Memberships';

/** A user's membership as the API shows it. */
export interface UserMembership<R extends string> {
  userRef: string;
  role: R;
}

type UserMembershipKind<R extends string, Scope> = Omit<
  MembershipKind<R, Scope, string, UserMembership<R>>,
  'subjectId' | 'shown' | 'ceiling'
> & { ceiling?: { ladder: readonly R[]; scope(scope: Scope): string } };

/** {@link Memberships} whose subjects are user refs: organisation, team and project members. */
export class UserMemberships<R extends string, Scope> extends Memberships<
  R,
  Scope,
  string,
  UserMembership<R>
> {
  constructor(kind: UserMembershipKind<R, Scope>) {
    super({
      ...kind,
      subjectId: userRef => userRef,
      shown: (userRef, role) => ({ userRef, role }),
      ceiling: kind.ceiling && { ...kind.ceiling, subject: userRef => userRef },
    });
  }

  /** A page of the members by user ref, as the API shows them. */
  async listMembers(scope: Scope, limit: number, afterRef?: string) {
    const rows = await this.list(scope, limit, afterRef);
    return rows.map(({ subject, role, createdAt }) => ({
      userRef: subject,
      role,
      createdAt,
    }));
  }
}
