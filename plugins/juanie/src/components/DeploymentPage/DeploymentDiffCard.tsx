import { Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { InfoCard, Progress } from '@backstage/core-components';
import type {
  DeploymentDetail,
  DeploymentDiff,
} from '@juanie/plugin-juanie-common';
import { useDeploymentDiff } from '../../hooks/deployments';
import { ErrorState } from '../shared/ErrorState';
import { SideBySideDiff } from '../shared/SideBySideDiff';

function describeSource(diff: DeploymentDiff) {
  const revision = diff.revision ? ` ${diff.revision.slice(0, 12)}` : '';
  return diff.source === 'commit'
    ? `The commit${revision}.`
    : `What would be committed on the branch head${revision} now.`;
}

/** The change to the manifests: the commit's diff, or a preview before there is one. */
export function DeploymentDiffCard(props: { deployment: DeploymentDetail }) {
  const { deployment } = props;
  const {
    value: diff,
    loading,
    error,
    retry,
  } = useDeploymentDiff(deployment.id, deployment.commitSha);

  return (
    <InfoCard title="Diff">
      {loading && !diff && <Progress />}
      {error && <ErrorState error={error} onRetry={retry} />}
      {diff && (
        <>
          <Typography variant="body2" color="textSecondary" paragraph>
            {describeSource(diff)}
          </Typography>
          {diff.error && <Alert severity="warning">{diff.error}</Alert>}
          {!diff.error && <SideBySideDiff diff={diff.diff} />}
        </>
      )}
    </InfoCard>
  );
}
