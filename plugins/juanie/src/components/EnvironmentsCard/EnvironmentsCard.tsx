import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  EnvironmentOverview,
  useEnvironmentOverview,
} from '../../hooks/environmentOverview';
import { projectRouteRef } from '../../routes';
import { ErrorState } from '../shared/ErrorState';
import { EnvironmentState } from './EnvironmentState';
import { EnvironmentVersion } from './EnvironmentVersion';

function EnvironmentsTable(props: {
  rows: EnvironmentOverview[];
  projectPage: string;
}) {
  const { rows, projectPage } = props;
  const columns: TableColumn<EnvironmentOverview>[] = [
    {
      title: 'Environment',
      render: row => <Link to={projectPage}>{row.environment.title}</Link>,
    },
    {
      title: 'Version',
      render: row => <EnvironmentVersion overview={row} />,
    },
    { title: 'State', render: row => <EnvironmentState overview={row} /> },
    {
      title: 'Waiting for approval',
      render: row =>
        row.waitingForApproval > 0 ? (
          <Link to={`${projectPage}/deployments`}>
            {row.waitingForApproval}
          </Link>
        ) : (
          0
        ),
    },
  ];
  return (
    <Table
      columns={columns}
      data={rows}
      options={{
        paging: false,
        search: false,
        toolbar: false,
        padding: 'dense',
      }}
    />
  );
}

/** Each environment of a Juanie project: what runs there, how it is doing and what waits for approval; live. */
export function EnvironmentsCard(props: { org: string; project: string }) {
  const { org, project } = props;
  const { value, loading, error, retry } = useEnvironmentOverview(org, project);
  const projectLink = useRouteRef(projectRouteRef);
  const projectPage = projectLink({ org, project });

  return (
    <InfoCard
      title="Environments"
      subheader={`Juanie project ${org}/${project}`}
      deepLink={{ title: 'Open the project in Juanie', link: projectPage }}
      noPadding={Boolean(value?.length)}
    >
      {loading && !value && <Progress />}
      {error && <ErrorState error={error} onRetry={retry} />}
      {value?.length === 0 && (
        <EmptyState
          missing="data"
          title="No environments"
          description="The project's environments show up here once it has some in Juanie."
        />
      )}
      {value && value.length > 0 && (
        <EnvironmentsTable rows={value} projectPage={projectPage} />
      )}
    </InfoCard>
  );
}
