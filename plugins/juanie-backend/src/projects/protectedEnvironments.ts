import { NotAllowedError } from '@backstage/errors';
import { EnvironmentKind, isOrgRoleAtLeast, OrgRole } from '@juanie/plugin-juanie-common';

/**
 * Kinds of environment whose approval rule only organisation admins and owners set: the gate
 * in front of production must not be opened by the people it gates (project maintainers).
 */
export const PROTECTED_ENVIRONMENT_KINDS: readonly EnvironmentKind[] = ['production'];

/**
 * Refuses (403) a change that sets the approval rule of a protected environment — creating one,
 * changing its approval rule, or changing its kind into or out of a protected one (which would
 * otherwise move it out from under the rule) — unless the caller is an organisation admin or
 * owner (platform admins count as owners).
 */
export function assertMayChangeApprovalRule(change: {
  actorOrgRole: OrgRole | undefined;
  environment: string;
  /** The kind before the change (undefined when creating) and after it. */
  kindBefore?: EnvironmentKind;
  kindAfter: EnvironmentKind;
  /** Whether the change sets the approval rule (always, when creating). */
  setsApproval: boolean;
}) {
  const { actorOrgRole, environment, kindBefore, kindAfter, setsApproval } = change;
  const isProtected = (kind?: EnvironmentKind) => kind !== undefined && PROTECTED_ENVIRONMENT_KINDS.includes(kind);
  const touchesGate = setsApproval || kindBefore !== kindAfter;
  if (!touchesGate || !(isProtected(kindBefore) || isProtected(kindAfter))) return;
  if (isOrgRoleAtLeast(actorOrgRole, 'admin')) return;
  throw new NotAllowedError(
    `Only organisation admins and owners set the approval rule or kind of ${[
      ...new Set([kindBefore, kindAfter].filter(isProtected)),
    ].join('/')} environment ${environment}: protected kinds are ${PROTECTED_ENVIRONMENT_KINDS.join(', ')}`,
  );
}
