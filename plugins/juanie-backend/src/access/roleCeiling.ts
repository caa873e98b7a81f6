import { NotAllowedError } from '@backstage/errors';

/** A role change on a membership: the role it had (none when granted) and the role it gets (none when removed). */
export interface RoleChange<R extends string> {
  /** The changer's own effective role where the membership lives (undefined: none). */
  actorRole: R | undefined;
  from?: R;
  to?: R;
  /** Whose membership, for the message, e.g. `user:default/bob` or `team web`. */
  subject: string;
  /** Where, for the message, e.g. `organisation acme`. */
  scope: string;
}

/**
 * The role ceiling, the one rule every membership with a role ladder (organisation members,
 * project members, project teams; see memberships/Memberships) applies: no one grants, changes
 * or removes a role above their own, and only owners manage owners (grant owner, change to or from owner, remove an owner). The second rule
 * is spelled out apart from the first because `owner` is the top of both ladders, so it would
 * follow anyway, but its message is the one an admin who tries it must read.
 * `ladder` lists the roles weakest first (ORG_ROLES, PROJECT_ROLES).
 */
export function assertWithinRoleCeiling<R extends string>(ladder: readonly R[], change: RoleChange<R>) {
  const { actorRole, from, to, subject, scope } = change;
  const top = ladder[ladder.length - 1];
  const rank = (role: R | undefined) => (role === undefined ? -1 : ladder.indexOf(role));
  if ((from === top || to === top) && actorRole !== top) {
    throw new NotAllowedError(
      `Only an owner of ${scope} may grant, change or remove the ${top} role (${subject}); you are ${actorRole ?? 'not a member'}`,
    );
  }
  for (const role of [from, to]) {
    if (role !== undefined && rank(role) > rank(actorRole)) {
      throw new NotAllowedError(
        `You cannot grant, change or remove the role ${role} of ${subject} in ${scope}: it is above your own (${actorRole ?? 'none'})`,
      );
    }
  }
}
