import { useState } from 'react';
import { Link, TableColumn } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { createTeamSchema, Team } from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { useTeams } from '../../hooks/organizations';
import { teamRouteRef } from '../../routes';
import { TableCard } from '../shared/TableCard';
import { CreateNamedDialog } from '../shared/CreateNamedDialog';

/** The teams of an organisation, and a way to create one. */
export function TeamList(props: { org: string; canManage: boolean }) {
  const { org, canManage } = props;
  const api = useApi(juanieApiRef);
  const teams = useTeams(org);
  const teamLink = useRouteRef(teamRouteRef);
  const [creating, setCreating] = useState(false);

  const columns: TableColumn<Team>[] = [
    {
      title: 'Team',
      field: 'title',
      render: t => <Link to={teamLink({ org, team: t.slug })}>{t.title}</Link>,
    },
    { title: 'Slug', field: 'slug' },
    { title: 'Members', field: 'memberCount', type: 'numeric' },
    { title: 'Description', field: 'description' },
  ];

  return (
    <TableCard
      title="Teams"
      actionLabel="Create team"
      canAct={Boolean(canManage)}
      onAction={() => setCreating(true)}
      list={teams}
      emptyTitle="No teams yet"
      columns={columns}
    >
      {creating && (
        <CreateNamedDialog
          title="Create team"
          slugPlaceholder="platform"
          schema={createTeamSchema}
          submit={request => api.createTeam(org, request)}
          onClose={() => setCreating(false)}
          onDone={teams.reload}
        />
      )}
    </TableCard>
  );
}
