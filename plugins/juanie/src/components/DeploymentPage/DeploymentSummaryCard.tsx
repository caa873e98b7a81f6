import { Box } from '@material-ui/core';
import { InfoCard, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { DeploymentDetail } from '@juanie/plugin-juanie-common';
import { deploymentRouteRef } from '../../routes';
import { CommitLink } from '../shared/CommitLink';
import {
  deploymentOrigin,
  describeDeployment,
} from '../shared/describeDeployment';
import { DeploymentStatusView } from '../shared/DeploymentStatusView';
import { Fact } from '../shared/Fact';
import { DeploymentActions } from './DeploymentActions';

/** What the deployment is, where it stands, and what the user can do about it. */
export function DeploymentSummaryCard(props: {
  deployment: DeploymentDetail;
  onChange(): void;
}) {
  const { deployment: d, onChange } = props;
  const deploymentLink = useRouteRef(deploymentRouteRef);
  const reason = [d.statusReason, d.statusMessage].filter(Boolean).join(': ');
  const origin = deploymentOrigin(d);

  return (
    <InfoCard
      title="Deployment"
      action={<DeploymentActions deployment={d} onChange={onChange} />}
    >
      <Box data-testid="deployment-status">
        <Fact label="Status">
          <DeploymentStatusView status={d.status} />
          {reason && ` (${reason})`}
        </Fact>
      </Box>
      <Fact label="Environment">{d.environment}</Fact>
      <Fact label={origin.label}>
        {`${origin.who}, ${new Date(d.createdAt).toLocaleString()}`}
      </Fact>
      <Fact label="Message">{d.message || '—'}</Fact>
      <Fact label="Change">{describeDeployment(d)}</Fact>
      {d.rollbackOf && (
        <Fact label="Rolls back">
          <Link
            to={deploymentLink({
              org: d.org,
              project: d.project,
              id: d.rollbackOf,
            })}
          >
            {d.rollbackOf.slice(0, 8)}
          </Link>
        </Fact>
      )}
      {d.workload && <Fact label="Workload">{d.workload}</Fact>}
      <Fact label="Commit">
        <CommitLink sha={d.commitSha} url={d.commitUrl} />
      </Fact>
      {d.expiresAt && d.status === 'pending_approval' && (
        <Fact label="Expires">{new Date(d.expiresAt).toLocaleString()}</Fact>
      )}
    </InfoCard>
  );
}
