import { useState } from 'react';
import { IconButton } from '@material-ui/core';
import DeleteIcon from '@material-ui/icons/Delete';
import { Link, TableColumn } from '@backstage/core-components';
import { alertApiRef, useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  PROJECT_ROLES,
  ProjectRole,
  ProjectTeam,
} from '@juanie/plugin-juanie-common';
import { describeError } from '../../api/describeError';
import { juanieApiRef } from '../../api/JuanieApi';
import { useProjectTeams } from '../../hooks/projects';
import { teamRouteRef } from '../../routes';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { TableCard } from '../shared/TableCard';
import { RoleSelect } from '../shared/RoleSelect';
import { AddProjectTeamDialog } from './AddProjectTeamDialog';

/** Teams with a role on the project; each member gets at least that role. */
export function ProjectTeamsCard(props: {
  org: string;
  project: string;
  canManage: boolean;
}) {
  const { org, project, canManage } = props;
  const api = useApi(juanieApiRef);
  const alertApi = useApi(alertApiRef);
  const teamLink = useRouteRef(teamRouteRef);
  const teams = useProjectTeams(org, project);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<ProjectTeam>();

  const changeRole = async (team: string, role: ProjectRole) => {
    try {
      await api.updateProjectTeam(org, project, team, { role });
      teams.reload();
    } catch (error) {
      alertApi.post({ message: describeError(error), severity: 'error' });
    }
  };

  const columns: TableColumn<ProjectTeam>[] = [
    {
      title: 'Team',
      field: 'title',
      render: t => <Link to={teamLink({ org, team: t.team })}>{t.title}</Link>,
    },
    {
      title: 'Role',
      field: 'role',
      render: t =>
        canManage ? (
          <RoleSelect
            roles={PROJECT_ROLES}
            value={t.role}
            label={`Role of team ${t.team}`}
            onChange={role => changeRole(t.team, role)}
          />
        ) : (
          t.role
        ),
    },
  ];
  if (canManage) {
    columns.push({
      title: '',
      align: 'right',
      render: t => (
        <IconButton
          aria-label={`Remove team ${t.team}`}
          onClick={() => setRemoving(t)}
        >
          <DeleteIcon />
        </IconButton>
      ),
    });
  }

  return (
    <TableCard
      title="Teams"
      actionLabel="Add team"
      canAct={Boolean(canManage)}
      onAction={() => setAdding(true)}
      list={teams}
      emptyTitle="No teams have a role yet"
      columns={columns}
    >
      {adding && (
        <AddProjectTeamDialog
          org={org}
          project={project}
          existing={teams.items.map(t => t.team)}
          onClose={() => setAdding(false)}
          onDone={teams.reload}
        />
      )}
      {removing && (
        <ConfirmDialog
          title="Remove team"
          confirmLabel="Remove"
          onConfirm={() => api.removeProjectTeam(org, project, removing.team)}
          onClose={() => setRemoving(undefined)}
          onDone={teams.reload}
        >
          Remove the role of {removing.title} on this project?
        </ConfirmDialog>
      )}
    </TableCard>
  );
}
