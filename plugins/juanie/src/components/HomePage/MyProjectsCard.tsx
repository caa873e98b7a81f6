import {
  EmptyState,
  InfoCard,
  Link,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { Project } from '@juanie/plugin-juanie-common';
import { useAllProjects } from '../../hooks/portal';
import { organizationRouteRef, projectRouteRef } from '../../routes';
import { PagedListView } from '../shared/PagedListView';

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
    <InfoCard title="My projects">
      <PagedListView
        list={projects}
        empty={
          <EmptyState
            missing="data"
            title="No projects yet"
            description="Projects you are a member of, directly or through a team, show up here."
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
    </InfoCard>
  );
}
