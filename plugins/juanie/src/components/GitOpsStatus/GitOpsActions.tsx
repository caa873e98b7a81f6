import { useState } from 'react';
import { Box, Button } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useApi } from '@backstage/core-plugin-api';
import type { EnvironmentGitOpsStatus } from '@juanie/plugin-juanie-common';
import { describeError } from '../../api/describeError';
import { juanieApiRef } from '../../api/JuanieApi';
import { ConfirmDialog } from '../shared/ConfirmDialog';

/**
 * Reconcile, and Suspend or Resume, for those the back end lets operate the
 * environment. A refusal (no permission, object not in the cluster, cluster
 * unreachable) shows the server's message.
 */
export function GitOpsActions(props: {
  org: string;
  project: string;
  status: EnvironmentGitOpsStatus;
  onChange(): void;
}) {
  const { org, project, status, onChange } = props;
  const env = status.environment;
  const api = useApi(juanieApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [confirmingSuspend, setConfirmingSuspend] = useState(false);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      onChange();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const suspended = status.workload?.suspended ?? false;
  const disabled = busy || status.workload === null;

  return (
    <Box width="100%">
      <Box display="flex" gridGap={8}>
        <Button
          variant="outlined"
          color="primary"
          disabled={disabled}
          onClick={() => run(() => api.reconcileGitOps(org, project, env))}
        >
          Reconcile
        </Button>
        {suspended ? (
          <Button
            variant="outlined"
            disabled={disabled}
            onClick={() => run(() => api.resumeGitOps(org, project, env))}
          >
            Resume
          </Button>
        ) : (
          <Button
            variant="outlined"
            disabled={disabled}
            onClick={() => setConfirmingSuspend(true)}
          >
            Suspend
          </Button>
        )}
      </Box>
      {error && (
        <Box mt={1}>
          <Alert
            severity="error"
            role="alert"
            onClose={() => setError(undefined)}
          >
            {error}
          </Alert>
        </Box>
      )}
      {confirmingSuspend && (
        <ConfirmDialog
          title={`Suspend ${env}`}
          confirmLabel="Suspend"
          onConfirm={() => api.suspendGitOps(org, project, env)}
          onClose={() => setConfirmingSuspend(false)}
          onDone={onChange}
        >
          {`Flux stops applying ${status.path} to ${
            status.cluster ?? 'the default cluster'
          } until someone resumes it. Deployments to ${env} still commit, but do not reach the cluster meanwhile.`}
        </ConfirmDialog>
      )}
    </Box>
  );
}
