import { Box, Button } from '@material-ui/core';
import { ErrorPanel } from '@backstage/core-components';
import { describeError } from '../../api/describeError';

/** An error panel titled with the server's message, with a way to try again. */
export function ErrorState(props: { error: Error; onRetry?: () => void }) {
  const { error, onRetry } = props;
  return (
    <>
      <ErrorPanel error={error} title={describeError(error)} />
      {onRetry && (
        <Box mt={1}>
          <Button variant="outlined" onClick={onRetry}>
            Retry
          </Button>
        </Box>
      )}
    </>
  );
}
