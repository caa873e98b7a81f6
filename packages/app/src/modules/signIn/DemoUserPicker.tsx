import { Content, Header, InfoCard, Page } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { DemoUser } from './demoSignInConfig';

/** One card per demo user, each with its own sign-in button. */
export function DemoUserPicker(props: {
  title: string;
  users: DemoUser[];
  onPick(userName: string): void;
}) {
  const { title, users, onPick } = props;
  return (
    <Page themeId="home">
      <Header title={title} subtitle="Demo sign-in for local use" />
      <Content>
        <Grid container spacing={2}>
          {users.map(user => (
            <Grid item key={user.name} xs={12} sm={6} md={3}>
              <InfoCard title={user.name} subheader={user.hint}>
                <Typography variant="body2" paragraph>
                  Signs in as user:default/{user.name} from the catalog.
                </Typography>
                <Button
                  variant="contained"
                  color="primary"
                  onClick={() => onPick(user.name)}
                >
                  Sign in as {user.name}
                </Button>
              </InfoCard>
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}
