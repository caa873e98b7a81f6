import { useState } from 'react';
import { Link, TableColumn } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { createProjectSchema, Project } from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { useOrganizationProjects } from '../../hooks/organizations';
import { projectRouteRef } from '../../routes';
import { TableCard } from '../shared/TableCard';
import { CreateNamedDialog } from '../shared/CreateNamedDialog';

/** The projects of an organisation, and a way to create one. */
export function OrganizationProjects(props: {
  org: string;
  canCreate: boolean;
}) {
  const { org, canCreate } = props;
  const api = useApi(juanieApiRef);
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
        // The creator becomes the project's owner.
        <CreateNamedDialog
          title="Create project"
          slugPlaceholder="web-shop"
          schema={createProjectSchema}
          submit={request => api.createProject(org, request)}
          onClose={() => setCreating(false)}
          onDone={projects.reload}
        />
      )}
    </TableCard>
  );
}
