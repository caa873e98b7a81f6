import { useParams } from 'react-router-dom';
import { Grid } from '@material-ui/core';
import {
  Content,
  Header,
  HeaderLabel,
  Page,
  Progress,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useDeployment } from '../../hooks/deployments';
import { projectRouteRef } from '../../routes';
import { deploymentOrigin } from '../shared/describeDeployment';
import { deploymentStatusLabel } from '../shared/DeploymentStatusView';
import { ErrorState } from '../shared/ErrorState';
import { ApprovalsCard } from './ApprovalsCard';
import { ConflictsCard } from './ConflictsCard';
import { DeploymentDiffCard } from './DeploymentDiffCard';
import { DeploymentSummaryCard } from './DeploymentSummaryCard';
import { DeploymentTimeline } from './DeploymentTimeline';

/** One deployment: where it stands, its votes, its diff and its history; live. */
export function DeploymentPage() {
  const { org = '', project = '', id = '' } = useParams();
  const { value: deployment, loading, error, retry } = useDeployment(id);
  const projectLink = useRouteRef(projectRouteRef);
  const origin = deployment && deploymentOrigin(deployment);

  return (
    <Page themeId="tool">
      <Header
        title={
          deployment ? `Deployment to ${deployment.environment}` : 'Deployment'
        }
        subtitle={deployment?.message}
        type={`Project ${project}`}
        typeLink={projectLink({ org, project })}
      >
        {deployment && (
          <HeaderLabel
            label="Status"
            value={deploymentStatusLabel(deployment.status)}
          />
        )}
        {origin && <HeaderLabel label={origin.label} value={origin.who} />}
      </Header>
      <Content>
        {loading && !deployment && <Progress />}
        {error && <ErrorState error={error} onRetry={retry} />}
        {deployment && (
          <Grid container spacing={3}>
            <Grid item xs={12} md={7}>
              <DeploymentSummaryCard deployment={deployment} onChange={retry} />
            </Grid>
            <Grid item xs={12} md={5}>
              <ApprovalsCard deployment={deployment} onVoted={retry} />
            </Grid>
            {deployment.status === 'failed' &&
              deployment.conflicts.length > 0 && (
                <Grid item xs={12}>
                  <ConflictsCard conflicts={deployment.conflicts} />
                </Grid>
              )}
            <Grid item xs={12} md={8}>
              <DeploymentDiffCard deployment={deployment} />
            </Grid>
            <Grid item xs={12} md={4}>
              <DeploymentTimeline events={deployment.timeline} />
            </Grid>
          </Grid>
        )}
      </Content>
    </Page>
  );
}
