import { useState } from 'react';
import { Box } from '@material-ui/core';
import { InfoCard, Link, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { Deployment } from '@juanie/plugin-juanie-common';
import type { DeploymentListQuery } from '../../api/JuanieApi';
import { useProjectDeployments } from '../../hooks/deployments';
import { useEnvironments } from '../../hooks/projects';
import { deploymentRouteRef } from '../../routes';
import { describeAge } from '../shared/describeAge';
import {
  describeDeployment,
  describeOrigin,
} from '../shared/describeDeployment';
import { DeploymentStatusView } from '../shared/DeploymentStatusView';
import { PagedTable } from '../shared/PagedTable';
import { DeploymentFilters } from './DeploymentFilters';

/** A project's deployments, newest first, filtered by environment and status; live. */
export function DeploymentHistory(props: { org: string; project: string }) {
  const { org, project } = props;
  const [query, setQuery] = useState<DeploymentListQuery>({});
  const deployments = useProjectDeployments(org, project, query);
  const environments = useEnvironments(org, project);
  const deploymentLink = useRouteRef(deploymentRouteRef);

  const columns: TableColumn<Deployment>[] = [
    {
      title: 'Deployment',
      field: 'message',
      render: d => (
        <Link to={deploymentLink({ org, project, id: d.id })}>
          {d.message || describeDeployment(d)}
        </Link>
      ),
    },
    { title: 'Environment', field: 'environment' },
    {
      title: 'Status',
      field: 'status',
      render: d => <DeploymentStatusView status={d.status} />,
    },
    { title: 'Change', render: d => describeDeployment(d) },
    {
      title: 'Requested by',
      field: 'requestedBy',
      render: d => describeOrigin(d),
    },
    {
      title: 'Requested',
      field: 'createdAt',
      render: d => (
        <span title={new Date(d.createdAt).toLocaleString()}>
          {describeAge(d.createdAt)}
        </span>
      ),
    },
  ];

  return (
    <InfoCard title="Deployments">
      <Box mb={2}>
        <DeploymentFilters
          environments={environments.items}
          query={query}
          onChange={setQuery}
        />
      </Box>
      <PagedTable
        list={deployments}
        columns={columns}
        emptyTitle="No deployments"
        emptyDescription={
          query.environment || query.status
            ? 'No deployment matches these filters.'
            : "Deployments requested with an environment's Deploy button show up here."
        }
      />
    </InfoCard>
  );
}
