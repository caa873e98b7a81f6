import { Box, Button } from '@material-ui/core';
import { StatusError, StatusOK } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { describeError } from '../../api/describeError';
import { juanieApiRef } from '../../api/JuanieApi';

/** Asks the server to re-hash the audit chain and says whether it is intact. */
export function VerifyChainButton() {
  const api = useApi(juanieApiRef);
  const [{ value, loading, error }, verify] = useAsyncFn(
    () => api.verifyAuditChain(),
    [api],
  );

  return (
    <Box display="flex" alignItems="center" gridGap={16}>
      <Button variant="outlined" onClick={verify} disabled={loading}>
        {loading ? 'Verifying…' : 'Verify chain'}
      </Button>
      <span role="status" aria-live="polite">
        {error && (
          <StatusError>Verification failed: {describeError(error)}</StatusError>
        )}
        {value?.ok && (
          <StatusOK>Chain intact: {value.checked} events checked</StatusOK>
        )}
        {value && !value.ok && (
          <StatusError>
            Chain broken at event {value.firstMismatch?.id ?? 'unknown'} after{' '}
            {value.checked} events checked
          </StatusError>
        )}
      </span>
    </Box>
  );
}
