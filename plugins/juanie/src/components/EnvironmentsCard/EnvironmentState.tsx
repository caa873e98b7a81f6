import { Box, Typography } from '@material-ui/core';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { EnvironmentOverview } from '../../hooks/environmentOverview';
import { deploymentRouteRef } from '../../routes';
import { FluxStateView } from '../GitOpsStatus/FluxStateView';
import {
  DeploymentStatusView,
  deploymentStatusLabel,
} from '../shared/DeploymentStatusView';

/** How an environment is doing: Flux's state of its workload and what became of its latest deployment. */
export function EnvironmentState(props: { overview: EnvironmentOverview }) {
  const { gitops, latest } = props.overview;
  const deploymentLink = useRouteRef(deploymentRouteRef);
  const workload = gitops?.workload;

  if (!workload && !latest) return <>no deployments yet</>;
  return (
    <>
      {workload && (
        <Box mb={0.5}>
          <FluxStateView state={workload.state} />
        </Box>
      )}
      {latest && (
        <Typography variant="body2" component="div">
          Last deployment:{' '}
          {/* Status indicators are hidden from screen readers: the link says what it shows. */}
          <Link
            to={deploymentLink({
              org: latest.org,
              project: latest.project,
              id: latest.id,
            })}
            aria-label={`Last deployment: ${deploymentStatusLabel(
              latest.status,
            )}`}
          >
            <DeploymentStatusView status={latest.status} />
          </Link>
        </Typography>
      )}
    </>
  );
}
