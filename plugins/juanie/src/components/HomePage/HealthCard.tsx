import { Typography } from '@material-ui/core';
import {
  InfoCard,
  Progress,
  StatusError,
  StatusOK,
} from '@backstage/core-components';
import { describeError } from '../../api/describeError';
import { useHealth } from '../../hooks/portal';

/** Whether the Juanie back end answers, on which database, in which version. */
export function HealthCard() {
  const { value: health, loading, error } = useHealth();
  return (
    <InfoCard title="Back end">
      <div data-testid="juanie-health">
        {loading && <Progress />}
        {error && (
          <StatusError>Unreachable: {describeError(error)}</StatusError>
        )}
        {health && (
          <>
            <StatusOK>{health.status}</StatusOK>
            <Typography variant="body2">Database: {health.database}</Typography>
            <Typography variant="body2">Version: {health.version}</Typography>
          </>
        )}
      </div>
    </InfoCard>
  );
}
