import { useEffect } from 'react';
import { Content, ErrorPanel, Header, Page } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';

const AUTO_RETRY_DELAY_MS = 2000;

/** Unreachable or restarting back end (`yarn start` restarts it on edits). */
function isTransient(error: Error | undefined): boolean {
  if (!error) {
    return false;
  }
  const status = (error as { statusCode?: number }).statusCode;
  return status === undefined ? error.name === 'TypeError' : status >= 500;
}

/**
 * Why signing in as the demo user failed, with a way forward. Transient
 * failures are retried by themselves while `autoRetry` is set.
 */
export function DemoSignInError(props: {
  title: string;
  userName: string;
  error?: Error;
  autoRetry: boolean;
  onRetry(): void;
  onChooseAgain(): void;
}) {
  const { title, userName, error, autoRetry, onRetry, onChooseAgain } = props;
  const retrying = autoRetry && isTransient(error);

  useEffect(() => {
    if (!retrying) {
      return undefined;
    }
    const timer = setTimeout(onRetry, AUTO_RETRY_DELAY_MS);
    return () => clearTimeout(timer);
  }, [retrying, onRetry]);

  return (
    <Page themeId="home">
      <Header title={title} subtitle="Demo sign-in for local use" />
      <Content>
        <ErrorPanel
          title={`Could not sign in as ${userName}${
            retrying ? '; trying again shortly' : ''
          }`}
          error={error ?? new Error('Unknown error')}
        />
        <Box display="flex" gridGap={8} marginTop={2}>
          <Button variant="contained" color="primary" onClick={onRetry}>
            Try again
          </Button>
          <Button variant="outlined" onClick={onChooseAgain}>
            Choose another user
          </Button>
        </Box>
      </Content>
    </Page>
  );
}
