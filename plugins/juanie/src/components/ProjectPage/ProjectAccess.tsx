import { Grid } from '@material-ui/core';
import { useApi } from '@backstage/core-plugin-api';
import {
  addProjectMemberSchema,
  PROJECT_ROLES,
} from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { useProjectMembers } from '../../hooks/projects';
import { MembersCard } from '../shared/MembersCard';
import { ProjectTeamsCard } from './ProjectTeamsCard';

/**
 * Who may do what in a project: users with a direct role and teams with a role.
 * A user's effective role is the highest of the two.
 */
export function ProjectAccess(props: {
  org: string;
  project: string;
  canManage: boolean;
}) {
  const { org, project, canManage } = props;
  const api = useApi(juanieApiRef);
  const members = useProjectMembers(org, project);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <MembersCard
          title="Members"
          roles={PROJECT_ROLES}
          list={members}
          canManage={canManage}
          addSchema={addProjectMemberSchema}
          onAdd={request => api.addProjectMember(org, project, request)}
          onChangeRole={(userRef, role) =>
            api.updateProjectMember(org, project, userRef, { role })
          }
          onRemove={userRef => api.removeProjectMember(org, project, userRef)}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <ProjectTeamsCard org={org} project={project} canManage={canManage} />
      </Grid>
    </Grid>
  );
}
