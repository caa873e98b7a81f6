import { Link, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { Project } from '@juanie/plugin-juanie-common';
import { useAllProjects } from '../../hooks/portal';
import { organizationRouteRef, projectRouteRef } from '../../routes';
import { TableCard } from '../shared/TableCard';

/** Every project the user can read, across organisations. */
export function MyProjectsCard() {
  const projects = useAllProjects();
  const projectLink = useRouteRef(projectRouteRef);
  const organizationLink = useRouteRef(organizationRouteRef);

  const columns: TableColumn<Project>[] = [
    {
      title: 'Project',
      field: 'title',
      render: p => (
        <Link to={projectLink({ org: p.org, project: p.slug })}>{p.title}</Link>
      ),
    },
    {
      title: 'Organisation',
      field: 'org',
      render: p => <Link to={organizationLink({ org: p.org })}>{p.org}</Link>,
    },
    { title: 'Your role', field: 'myRole', emptyValue: '—' },
    {
      title: 'State',
      field: 'archivedAt',
      render: p => (p.archivedAt ? 'archived' : 'active'),
    },
  ];

  return (
    <TableCard
      title="My projects"
      list={projects}
      emptyTitle="No projects yet"
      emptyDescription="Projects you are a member of, directly or through a team, show up here."
      columns={columns}
    />
  );
}
