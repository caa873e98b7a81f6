import { Grid, Typography } from '@material-ui/core';
import {
  Content,
  ContentHeader,
  Header,
  LinkButton,
  Page,
  Progress,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useMe } from '../../hooks/portal';
import { auditRouteRef } from '../../routes';
import { ErrorState } from '../shared/ErrorState';
import { AttentionCard } from './AttentionCard';
import { HealthCard } from './HealthCard';
import { MyOrganizationsCard } from './MyOrganizationsCard';
import { MyProjectsCard } from './MyProjectsCard';

/** The Juanie home: who you are, whether the back end is up, and your work. */
export function HomePage() {
  const { value: me, loading, error, retry } = useMe();
  const auditLink = useRouteRef(auditRouteRef);

  return (
    <Page themeId="tool">
      <Header
        title="Juanie"
        subtitle="Organisations, projects, environments and GitOps deployments"
      />
      <Content>
        <ContentHeader title="Welcome">
          <LinkButton to={auditLink()} variant="outlined">
            Audit trail
          </LinkButton>
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
