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
import type { Organization } from '@juanie/plugin-juanie-common';
import { useCanCreateOrganization } from '../../hooks/permissions';
import { useOrganizations } from '../../hooks/portal';
import { organizationRouteRef } from '../../routes';
import { PagedListView } from '../shared/PagedListView';
import { CreateOrganizationDialog } from './CreateOrganizationDialog';

/** The organisations the user can see, and a way to create one. */
export function MyOrganizationsCard() {
  const organizations = useOrganizations();
  const canCreate = useCanCreateOrganization();
  const organizationLink = useRouteRef(organizationRouteRef);
  const [creating, setCreating] = useState(false);

  const columns: TableColumn<Organization>[] = [
    {
      title: 'Organisation',
      field: 'title',
      render: o => (
        <Link to={organizationLink({ org: o.slug })}>{o.title}</Link>
      ),
    },
    { title: 'Slug', field: 'slug' },
    { title: 'Your role', field: 'myRole', emptyValue: '—' },
  ];

  return (
    <InfoCard
      title="My organisations"
      action={
        canCreate && (
          <Button
            variant="contained"
            color="primary"
            onClick={() => setCreating(true)}
          >
            Create organisation
          </Button>
        )
      }
    >
      <PagedListView
        list={organizations}
        empty={
          <EmptyState
            missing="data"
            title="No organisations yet"
            description="Create one, or ask an owner to add you to theirs."
          />
        }
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
        <CreateOrganizationDialog
          onClose={() => setCreating(false)}
          onDone={organizations.reload}
        />
      )}
    </InfoCard>
  );
}
