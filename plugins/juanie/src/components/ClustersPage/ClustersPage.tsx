import { Grid } from '@material-ui/core';
import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useClusters } from '../../hooks/gitops';
import { rootRouteRef } from '../../routes';
import { ErrorState } from '../shared/ErrorState';
import { ClusterCard } from './ClusterCard';

/** Every cluster Juanie deploys to: whether it answers and how its Flux is doing; live. */
export function ClustersPage() {
  const { value: clusters, loading, error, retry } = useClusters();
  const homeLink = useRouteRef(rootRouteRef);

  return (
    <Page themeId="tool">
      <Header title="Clusters" type="Juanie" typeLink={homeLink()} />
      <Content>
        {loading && !clusters && <Progress />}
        {error && <ErrorState error={error} onRetry={retry} />}
        {clusters?.length === 0 && (
          <EmptyState
            missing="data"
            title="No clusters"
            description="Clusters show up here once the back end is configured to deploy to them."
          />
        )}
        <Grid container spacing={3}>
          {clusters?.map(cluster => (
            <Grid
              item
              xs={12}
              md={6}
              key={cluster.name}
              data-testid={`cluster-${cluster.name}`}
            >
              <ClusterCard cluster={cluster} />
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}
