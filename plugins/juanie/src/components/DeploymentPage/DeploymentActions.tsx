import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Box, Button } from '@material-ui/core';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import type { DeploymentDetail } from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { deploymentRouteRef } from '../../routes';
import { DeploymentNoteDialog } from './DeploymentNoteDialog';

/** Cancel and Roll back, for those the back end allows to. */
export function DeploymentActions(props: {
  deployment: DeploymentDetail;
  onChange(): void;
}) {
  const { deployment, onChange } = props;
  const { id, org, project, allowedActions } = deployment;
  const api = useApi(juanieApiRef);
  const navigate = useNavigate();
  const deploymentLink = useRouteRef(deploymentRouteRef);
  const [asking, setAsking] = useState<'cancel' | 'rollback'>();

  const rollBack = async (note: { message?: string }) => {
    const rollback = await api.rollBackDeployment(id, note);
    navigate(deploymentLink({ org, project, id: rollback.id }));
  };

  if (!allowedActions.cancel && !allowedActions.rollback) return null;
  return (
    <Box display="flex" gridGap={8}>
      {allowedActions.cancel && (
        <Button variant="outlined" onClick={() => setAsking('cancel')}>
          Cancel
        </Button>
      )}
      {allowedActions.rollback && (
        <Button
          variant="outlined"
          color="secondary"
          onClick={() => setAsking('rollback')}
        >
          Roll back
        </Button>
      )}
      {asking === 'cancel' && (
        <DeploymentNoteDialog
          title="Cancel deployment"
          submitLabel="Cancel deployment"
          closeLabel="Keep it"
          onSubmit={note => api.cancelDeployment(id, note)}
          onClose={() => setAsking(undefined)}
          onDone={onChange}
        >
          Nothing will be committed for this deployment.
        </DeploymentNoteDialog>
      )}
      {asking === 'rollback' && (
        <DeploymentNoteDialog
          title="Roll back"
          submitLabel="Roll back"
          onSubmit={rollBack}
          onClose={() => setAsking(undefined)}
        >
          {`A new deployment to ${deployment.environment} restores the files as they were before this one.`}
        </DeploymentNoteDialog>
      )}
    </Box>
  );
}
