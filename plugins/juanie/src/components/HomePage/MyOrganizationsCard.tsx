import { useState } from 'react';
import { Link, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { Organization } from '@juanie/plugin-juanie-common';
import { useCanCreateOrganization } from '../../hooks/permissions';
import { useOrganizations } from '../../hooks/portal';
import { organizationRouteRef } from '../../routes';
import { TableCard } from '../shared/TableCard';
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
    <TableCard
      title="My organisations"
      actionLabel="Create organisation"
      canAct={canCreate}
      onAction={() => setCreating(true)}
      list={organizations}
      emptyTitle="No organisations yet"
      emptyDescription="Create one, or ask an owner to add you to theirs."
      columns={columns}
    >
      {creating && (
        <CreateOrganizationDialog
          onClose={() => setCreating(false)}
          onDone={organizations.reload}
        />
      )}
    </TableCard>
  );
}
