import {
  Content,
  EmptyState,
  Header,
  InfoCard,
  Link,
  Page,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { PendingApproval } from '@juanie/plugin-juanie-common';
import { usePendingApprovals } from '../../hooks/deployments';
import {
  deploymentRouteRef,
  projectRouteRef,
  rootRouteRef,
} from '../../routes';
import { describeAge } from '../shared/describeAge';
import { describeDeployment } from '../shared/describeDeployment';
import { PagedListView } from '../shared/PagedListView';

/** The deployments waiting for the user's vote, oldest first, page by page; live. */
export function ApprovalsPage() {
  const pending = usePendingApprovals();
  const homeLink = useRouteRef(rootRouteRef);
  const projectLink = useRouteRef(projectRouteRef);
  const deploymentLink = useRouteRef(deploymentRouteRef);

  const columns: TableColumn<PendingApproval>[] = [
    {
      title: 'Deployment',
      field: 'message',
      render: d => (
        <Link to={deploymentLink({ org: d.org, project: d.project, id: d.id })}>
          {d.message || describeDeployment(d)}
        </Link>
      ),
    },
    {
      title: 'Project',
      field: 'project',
      render: d => (
        <Link to={projectLink({ org: d.org, project: d.project })}>
          {`${d.org}/${d.project}`}
        </Link>
      ),
    },
    { title: 'Environment', field: 'environment' },
    { title: 'Change', render: d => describeDeployment(d) },
    { title: 'Requested by', field: 'requestedBy' },
    {
      title: 'Age',
      field: 'createdAt',
      render: d => (
        <span title={new Date(d.createdAt).toLocaleString()}>
          {describeAge(d.createdAt)}
        </span>
      ),
    },
    {
      title: 'Approvals',
      render: d =>
        `${d.approvalsReceived} of ${d.approvalRule.requiredApprovals}`,
    },
  ];

  return (
    <Page themeId="tool">
      <Header title="Approvals" type="Juanie" typeLink={homeLink()} />
      <Content>
        <InfoCard title="Waiting for your vote">
          <PagedListView
            list={pending}
            empty={
              <EmptyState
                missing="data"
                title="Nothing to approve"
                description="Deployments that need your vote show up here."
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
      </Content>
    </Page>
  );
}
