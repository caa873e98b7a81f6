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
import type { Project } from '@juanie/plugin-juanie-common';
import { useOrganizationProjects } from '../../hooks/organizations';
import { projectRouteRef } from '../../routes';
import { PagedListView } from '../shared/PagedListView';
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
    <InfoCard
      title="Projects"
      action={
        canCreate && (
          <Button
            variant="contained"
            color="primary"
            onClick={() => setCreating(true)}
          >
            Create project
          </Button>
        )
      }
    >
      <PagedListView
        list={projects}
        empty={<EmptyState missing="data" title="No projects yet" />}
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
        <CreateProjectDialog
          org={org}
          onClose={() => setCreating(false)}
          onDone={projects.reload}
        />
      )}
    </InfoCard>
  );
}
