import { useState } from 'react';
import { Button } from '@material-ui/core';
import {
  EmptyState,
  InfoCard,
  Link,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { Team } from '@juanie/plugin-juanie-common';
import { useTeams } from '../../hooks/organizations';
import { teamRouteRef } from '../../routes';
import { PagedListView } from '../shared/PagedListView';
import { CreateTeamDialog } from './CreateTeamDialog';

/** The teams of an organisation, and a way to create one. */
export function TeamList(props: { org: string; canManage: boolean }) {
  const { org, canManage } = props;
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
    <InfoCard
      title="Teams"
      action={
        canManage && (
          <Button
            variant="contained"
            color="primary"
            onClick={() => setCreating(true)}
          >
            Create team
          </Button>
        )
      }
    >
      <PagedListView
        list={teams}
        empty={<EmptyState missing="data" title="No teams yet" />}
      >
        {items => (
          <Table
            columns={columns}
            data={items}
            options={{
              paging: false,
              search: false,
              toolbar: false,
              padding: 'dense',
            }}
          />
        )}
      </PagedListView>
      {creating && (
        <CreateTeamDialog
          org={org}
          onClose={() => setCreating(false)}
          onDone={teams.reload}
        />
      )}
    </InfoCard>
  );
}
