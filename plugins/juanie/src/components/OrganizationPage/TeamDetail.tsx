import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Grid, Typography } from '@material-ui/core';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { addTeamMemberSchema, TEAM_ROLES } from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { useTeam, useTeamMembers } from '../../hooks/organizations';
import { organizationRouteRef } from '../../routes';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { ErrorState } from '../shared/ErrorState';
import { MembersCard } from '../shared/MembersCard';

/** One team of an organisation and its members. */
export function TeamDetail(props: { org: string; canManage: boolean }) {
  const { org, canManage } = props;
  const { team: slug = '' } = useParams();
  const api = useApi(juanieApiRef);
  const { value: team, loading, error, retry } = useTeam(org, slug);
  const members = useTeamMembers(org, slug);
  const organizationLink = useRouteRef(organizationRouteRef);
  const navigate = useNavigate();
  const [deleting, setDeleting] = useState(false);
  const teamsLink = `${organizationLink({ org })}/teams`;

  if (loading) return <Progress />;
  if (error || !team) {
    return error ? <ErrorState error={error} onRetry={retry} /> : null;
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title={team.title}
          subheader={`Team ${team.slug}`}
          action={
            canManage && (
              <Button color="secondary" onClick={() => setDeleting(true)}>
                Delete team
              </Button>
            )
          }
        >
          <Typography paragraph>
            {team.description || 'No description.'}
          </Typography>
          <Link to={teamsLink}>All teams</Link>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <MembersCard
          title="Team members"
          roles={TEAM_ROLES}
          list={members}
          canManage={canManage}
          addSchema={addTeamMemberSchema}
          onAdd={request => api.addTeamMember(org, slug, request)}
          onChangeRole={(userRef, role) =>
            api.updateTeamMember(org, slug, userRef, { role })
          }
          onRemove={userRef => api.removeTeamMember(org, slug, userRef)}
        />
      </Grid>
      {deleting && (
        <ConfirmDialog
          title="Delete team"
          confirmLabel="Delete"
          onConfirm={() => api.deleteTeam(org, slug)}
          onClose={() => setDeleting(false)}
          onDone={() => navigate(teamsLink)}
        >
          Delete the team {team.title}? Its members lose the project roles they
          had through it.
        </ConfirmDialog>
      )}
    </Grid>
  );
}
