import { PROJECT_ROLES } from '@juanie/plugin-juanie-common';
import { JuanieProjectQuery } from '@juanie/plugin-juanie-node';
import { Knex } from 'knex';

/**
 * One rule of a project permission as SQL on `projects` joined with `organizations`, matching
 * what the rule's `apply` decides on one project (`ProjectRoles`): a direct role, a team's grant
 * to each of its members, or `owner` for the organisation's owners and admins.
 */
export function projectRuleQuery(db: Knex) {
  return (query: Knex.QueryBuilder, rule: JuanieProjectQuery) => {
    if (rule.rule === 'IS_PROJECT') {
      const pairs = rule.refs.map(ref => ref.split('/')).filter(parts => parts.length === 2);
      if (pairs.length === 0) query.whereRaw('1 = 0');
      for (const [org, project] of pairs) {
        query.orWhere(q => q.where('organizations.slug', org).where('projects.slug', project));
      }
      return;
    }
    const roles = PROJECT_ROLES.slice(PROJECT_ROLES.indexOf(rule.minimumRole));
    query
      .whereIn(
        'projects.id',
        db('project_members').select('project_id').whereIn('principal_ref', rule.claims).whereIn('role', roles),
      )
      .orWhereIn(
        'projects.id',
        db('team_projects')
          .join('team_members', 'team_members.team_id', 'team_projects.team_id')
          .join('teams', 'teams.id', 'team_projects.team_id')
          .whereIn('team_members.user_ref', rule.claims)
          .whereIn('team_projects.role', roles)
          .whereNull('teams.deleted_at')
          .select('team_projects.project_id'),
      )
      // Organisation owners and admins are owners of every project of the organisation.
      .orWhereIn(
        'projects.organization_id',
        db('organization_members').select('organization_id').whereIn('user_ref', rule.claims).whereIn('role', ['admin', 'owner']),
      );
  };
}
