import { Box, Grid } from '@material-ui/core';
import { EmptyState, Progress } from '@backstage/core-components';
import { useClusters, useProjectGitOps } from '../../hooks/gitops';
import { ErrorState } from '../shared/ErrorState';
import { EnvironmentGitOpsCard } from './EnvironmentGitOpsCard';

/** The project's GitOps tab: how Flux is doing with each environment; live. */
export function GitOpsStatus(props: { org: string; project: string }) {
  const { org, project } = props;
  const { value, loading, error, retry } = useProjectGitOps(org, project);
  // Only to mark simulated clusters: the tab works without it.
  const { value: clusters } = useClusters();
  const simulated = new Set(
    clusters?.filter(cluster => cluster.simulated).map(cluster => cluster.name),
  );

  if (loading && !value) return <Progress />;
  const items = value?.items ?? [];
  return (
    <>
      {error && (
        <Box mb={2}>
          <ErrorState error={error} onRetry={retry} />
        </Box>
      )}
      {value && items.length === 0 && (
        <EmptyState
          missing="data"
          title="No environment deploys through GitOps"
          description="Give an environment a GitOps target on the Environments tab; how Flux reconciles it shows up here."
        />
      )}
      <Grid container spacing={3}>
        {items.map(status => (
          <Grid item xs={12} lg={6} key={status.environment}>
            <EnvironmentGitOpsCard
              org={org}
              project={project}
              status={status}
              simulatedClusters={simulated}
              onChange={retry}
            />
          </Grid>
        ))}
      </Grid>
    </>
  );
}
