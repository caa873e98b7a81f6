import { Knex } from 'knex';
import { databaseKind } from '../shared/dbValues';

/**
 * The rules of refusalOfVote (voteEligibility.ts) as one SQL filter, for the approvals inbox:
 * the deployments a person may vote on now, read in one query instead of one check each.
 * voteEligibility.test.ts checks on generated cases that both answer alike; a rule changed in
 * one must be changed in the other.
 *
 * The query it filters selects from `deployments` joined with `projects`.
 */
export interface VoteFilter {
  /** The voter's user ref and the claims (user and ownership refs) Juanie teams are matched on. */
  userRef: string;
  claims: string[];
  now: Date;
  /**
   * Projects (ids) on which the permission policy lets the voter approve, and manage (the
   * maintainers, who decide where a rule lists no approvers); `'all'` when on every project.
   * Undefined: not filtered by permissions (the caller checks them per project).
   */
  projects?: { approve: string[] | 'all'; manage: string[] | 'all' };
}

/**
 * The approvers a deployment's rule lists, as a table with one text column `approver.value`,
 * and whether it allows self-approval: the approval rule is a JSON text column.
 */
function ruleSql(db: Knex) {
  if (databaseKind(db) === 'postgres') {
    return {
      approvers:
        "jsonb_array_elements_text(coalesce(deployments.approval_rule::jsonb -> 'approvers', '[]'::jsonb)) as approver(value)",
      approverCount: "jsonb_array_length(coalesce(deployments.approval_rule::jsonb -> 'approvers', '[]'::jsonb))",
      allowsSelfApproval: "coalesce(deployments.approval_rule::jsonb ->> 'allowSelfApproval', 'false') = 'true'",
    };
  }
  return {
    approvers: "json_each(deployments.approval_rule, '$.approvers') as approver",
    approverCount: "coalesce(json_array_length(deployments.approval_rule, '$.approvers'), 0)",
    allowsSelfApproval: "coalesce(json_extract(deployments.approval_rule, '$.allowSelfApproval'), 0) = 1",
  };
}

/** Narrows `query` (deployments joined with projects) to what the voter may vote on now. */
export function whereMayVote(db: Knex, query: Knex.QueryBuilder, filter: VoteFilter): Knex.QueryBuilder {
  const sql = ruleSql(db);
  // Approver refs are stored normalised (lower case); claims are compared as the function does.
  const claims = [...new Set([filter.userRef, ...filter.claims].map(ref => ref.toLowerCase()))];
  const { projects } = filter;
  if (projects && projects.approve !== 'all') query.whereIn('deployments.project_id', projects.approve);
  if (projects && projects.manage !== 'all') {
    const manage = projects.manage;
    query.where(q => q.whereRaw(`${sql.approverCount} > 0`).orWhereIn('deployments.project_id', manage));
  }
  return query
    .where('deployments.status', 'pending_approval')
    .where(q => q.whereNull('deployments.expires_at').orWhere('deployments.expires_at', '>', filter.now))
    .whereNotExists(
      db('deployment_approvals')
        .select(db.raw('1'))
        .whereRaw('deployment_approvals.deployment_id = deployments.id')
        .where('deployment_approvals.approver_ref', filter.userRef),
    )
    .where(q => q.whereNot('deployments.requested_by', filter.userRef).orWhereRaw(sql.allowsSelfApproval))
    .where(q =>
      q.whereRaw(`${sql.approverCount} = 0`).orWhereExists(
        db
          .select(db.raw('1'))
          .from(db.raw(sql.approvers))
          .where(listed =>
            listed.whereIn('approver.value', claims).orWhereExists(
              // A Juanie team of the deployment's organisation that the voter is in.
              db('teams')
                .select(db.raw('1'))
                .join('team_members', 'team_members.team_id', 'teams.id')
                .whereRaw('teams.organization_id = projects.organization_id')
                .whereNull('teams.deleted_at')
                .whereIn('team_members.user_ref', filter.claims)
                .whereRaw(`'team:' || teams.slug = approver.value`),
            ),
          ),
      ),
    );
}
