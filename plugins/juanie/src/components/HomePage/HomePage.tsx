import { Badge, Box, Grid, Typography } from '@material-ui/core';
import {
  Content,
  ContentHeader,
  Header,
  LinkButton,
  Page,
  Progress,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { usePendingApprovals } from '../../hooks/deployments';
import { useMe } from '../../hooks/portal';
import {
  approvalsRouteRef,
  auditRouteRef,
  clustersRouteRef,
} from '../../routes';
import { ErrorState } from '../shared/ErrorState';
import { AttentionCard } from './AttentionCard';
import { HealthCard } from './HealthCard';
import { MyOrganizationsCard } from './MyOrganizationsCard';
import { MyProjectsCard } from './MyProjectsCard';

/** The Juanie home: who you are, whether the back end is up, and your work. */
export function HomePage() {
  const { value: me, loading, error, retry } = useMe();
  const auditLink = useRouteRef(auditRouteRef);
  const approvalsLink = useRouteRef(approvalsRouteRef);
  const clustersLink = useRouteRef(clustersRouteRef);
  const pending = usePendingApprovals();

  return (
    <Page themeId="tool">
      <Header
        title="Juanie"
        subtitle="Organisations, projects, environments and GitOps deployments"
      />
      <Content>
        <ContentHeader title="Welcome">
          <Box display="flex" gridGap={16}>
            <Badge
              badgeContent={
                pending.hasMore
                  ? `${pending.items.length}+`
                  : pending.items.length
              }
              color="secondary"
              data-testid="juanie-pending-approvals"
            >
              <LinkButton to={approvalsLink()} variant="outlined">
                Approvals
              </LinkButton>
            </Badge>
            <LinkButton to={auditLink()} variant="outlined">
              Audit trail
            </LinkButton>
            <LinkButton to={clustersLink()} variant="outlined">
              Clusters
            </LinkButton>
          </Box>
        </ContentHeader>
        {loading && <Progress />}
        {error && <ErrorState error={error} onRetry={retry} />}
        {me && (
          <Typography variant="body1" paragraph data-testid="juanie-identity">
            {`Signed in as ${me.userEntityRef}`}
          </Typography>
        )}
        <Grid container spacing={3}>
          <Grid item xs={12} md={4}>
            <HealthCard />
          </Grid>
          <Grid item xs={12} md={8}>
            <AttentionCard />
          </Grid>
          <Grid item xs={12} md={6}>
            <MyOrganizationsCard />
          </Grid>
          <Grid item xs={12} md={6}>
            <MyProjectsCard />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
