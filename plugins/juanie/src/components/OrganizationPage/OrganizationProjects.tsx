import { useState } from 'react';
import { Link, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { Project } from '@juanie/plugin-juanie-common';
import { useOrganizationProjects } from '../../hooks/organizations';
import { projectRouteRef } from '../../routes';
import { TableCard } from '../shared/TableCard';
import { CreateProjectDialog } from './CreateProjectDialog';

/** The projects of an organisation, and a way to create one. */
export function OrganizationProjects(props: {
  org: string;
  canCreate: boolean;
}) {
  const { org, canCreate } = props;
  const projects = useOrganizationProjects(org);
  const projectLink = useRouteRef(projectRouteRef);
  const [creating, setCreating] = useState(false);

  const columns: TableColumn<Project>[] = [
    {
      title: 'Project',
      field: 'title',
      render: p => (
        <Link to={projectLink({ org, project: p.slug })}>{p.title}</Link>
      ),
    },
    { title: 'Slug', field: 'slug' },
    { title: 'Description', field: 'description' },
    { title: 'Your role', field: 'myRole', emptyValue: '—' },
    {
      title: 'State',
      field: 'archivedAt',
      render: p => (p.archivedAt ? 'archived' : 'active'),
    },
  ];

  return (
    <TableCard
      title="Projects"
      actionLabel="Create project"
      canAct={Boolean(canCreate)}
      onAction={() => setCreating(true)}
      list={projects}
      emptyTitle="No projects yet"
      columns={columns}
    >
      {creating && (
        <CreateProjectDialog
          org={org}
          onClose={() => setCreating(false)}
          onDone={projects.reload}
        />
      )}
    </TableCard>
  );
}
