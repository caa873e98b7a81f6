import { Grid } from '@material-ui/core';
import { usePolicies, useInheritedPolicies } from '../../hooks/policies';
import { useEnvironments } from '../../hooks/projects';
import { PoliciesCard } from '../Policies/PoliciesCard';

/**
 * The project's Policies tab: its own policies and its environments', and,
 * read-only, those it inherits from its organisation.
 */
export function ProjectPolicies(props: {
  org: string;
  project: string;
  canManage: boolean;
}) {
  const { org, project, canManage } = props;
  const own = usePolicies(org, project);
  const inherited = useInheritedPolicies(org);
  const environments = useEnvironments(org, project);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <PoliciesCard
          title="Policies of this project"
          scope={{ org, project }}
          list={own}
          canCreate={canManage}
          environments={environments.items}
          decisionsOf={project}
          emptyTitle="No policies of the project's own"
          emptyDescription="The organisation's policies below still apply."
        />
      </Grid>
      <Grid item xs={12}>
        <PoliciesCard
          title={`Inherited from ${org}`}
          scope={{ org }}
          list={inherited}
          canCreate={false}
          inheritedFrom={org}
          decisionsOf={project}
          emptyTitle={`${org} has no policies`}
        />
      </Grid>
    </Grid>
  );
}
