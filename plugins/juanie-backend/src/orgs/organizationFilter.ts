import { ORG_ROLES } from '@juanie/plugin-juanie-common';
import { JuanieOrganizationQuery } from '@juanie/plugin-juanie-node';
import { Knex } from 'knex';

/**
 * One rule of an organisation permission as SQL on `organizations`, matching what the rule's
 * `apply` decides on one organisation (`OrganizationStore.principalRoles`): a direct role, or
 * `member` for members of its teams and projects.
 */
export function organizationRuleQuery(db: Knex) {
  return (query: Knex.QueryBuilder, rule: JuanieOrganizationQuery) => {
    if (rule.rule === 'IS_ORGANIZATION') {
      query.whereIn('organizations.slug', rule.slugs);
      return;
    }
    const roles = ORG_ROLES.slice(ORG_ROLES.indexOf(rule.minimumRole));
    query.whereIn(
      'organizations.id',
      db('organization_members').select('organization_id').whereIn('user_ref', rule.claims).whereIn('role', roles),
    );
    if (rule.minimumRole !== 'member') return;
    query
      .orWhereIn(
        'organizations.id',
        db('team_members')
          .join('teams', 'teams.id', 'team_members.team_id')
          .whereIn('team_members.user_ref', rule.claims)
          .whereNull('teams.deleted_at')
          .select('teams.organization_id'),
      )
      .orWhereIn(
        'organizations.id',
        db('project_members')
          .join('projects', 'projects.id', 'project_members.project_id')
          .whereIn('project_members.principal_ref', rule.claims)
          .whereNull('projects.deleted_at')
          .select('projects.organization_id'),
      );
  };
}
