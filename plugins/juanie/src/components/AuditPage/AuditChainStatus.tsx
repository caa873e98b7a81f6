import { Box, Button, Typography } from '@material-ui/core';
import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { AuditChainVerification } from '@juanie/plugin-juanie-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { describeError } from '../../api/describeError';
import { juanieApiRef } from '../../api/JuanieApi';
import { describeAge } from '../shared/describeAge';

/** Who verified, in words: the scheduled run or a person. */
const byWhom = (verifiedBy: string) =>
  verifiedBy === 'scheduler' ? 'the scheduled verification' : verifiedBy;

function VerificationView(props: { verification: AuditChainVerification }) {
  const { held, checked, firstBroken, verifiedAt, verifiedBy } = props.verification;
  const when = `${describeAge(verifiedAt)} (${new Date(verifiedAt).toLocaleString()})`;
  return (
    <>
      {held ? (
        <StatusOK>Chain held: {checked} events checked</StatusOK>
      ) : (
        <StatusError>
          Chain broken at event {firstBroken?.id ?? 'unknown'}:{' '}
          {firstBroken?.message} ({checked} events checked before it)
        </StatusError>
      )}
      <Typography variant="body2" color="textSecondary">
        Last verified {when} by {byWhom(verifiedBy)}
      </Typography>
    </>
  );
}

/**
 * The hash chain of the trail shown: an organisation's, or without `org` the platform's (events
 * of no organisation). Says when it was last verified and whether it held; those who may
 * (owners, platform admins) verify it now.
 */
export function AuditChainStatus(props: { org?: string; mayVerify: boolean }) {
  const { org, mayVerify } = props;
  const api = useApi(juanieApiRef);
  const state = useAsyncRetry(() => api.getAuditChainState(org), [api, org]);
  const [verified, verify] = useAsyncFn(() => api.verifyAuditChain(org), [api, org]);
  // A verification just made is the newest result.
  const last = verified.value ?? state.value?.lastVerification;

  return (
    <Box display="flex" flexDirection="column" gridGap={8}>
      <Typography variant="subtitle2">
        {org ? `Hash chain of ${org}` : 'Hash chain of platform events (no organisation)'}
      </Typography>
      <Box display="flex" alignItems="center" gridGap={16}>
        <span role="status" aria-live="polite">
          {state.loading && !last && 'Reading the last verification…'}
          {state.error && (
            <StatusError>
              Could not read the last verification: {describeError(state.error)}
            </StatusError>
          )}
          {verified.error && (
            <StatusError>Verification failed: {describeError(verified.error)}</StatusError>
          )}
          {last && <VerificationView verification={last} />}
          {state.value && !last && <StatusPending>Not verified yet</StatusPending>}
        </span>
        {mayVerify && (
          <Button variant="outlined" onClick={verify} disabled={verified.loading}>
            {verified.loading ? 'Verifying…' : 'Verify now'}
          </Button>
        )}
      </Box>
    </Box>
  );
}
