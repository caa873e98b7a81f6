import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Grid, Typography } from '@material-ui/core';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  deploymentRequestSchema,
  Environment,
  PolicyViolation,
} from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { policyViolationsOf } from '../../api/policyViolationsOf';
import { useDeploymentPreview } from '../../hooks/deployments';
import { useZodForm } from '../../hooks/useZodForm';
import { deploymentRouteRef } from '../../routes';
import { describeApprovalRule } from '../ProjectPage/approvalSummary';
import { FormDialog } from '../shared/FormDialog';
import {
  DeployFormValues,
  emptyDeployForm,
  toDeploymentRequest,
  toPreviewRequest,
} from './deployForm';
import { DeployFormFields } from './DeployFormFields';
import { DeploymentPreviewPanel } from './DeploymentPreviewPanel';
import { PolicyViolationList } from './PolicyViolationList';

/**
 * Asks for a deployment to one environment. The form is previewed as it
 * changes; a change that an enforced policy refuses, or that breaks the
 * manifests, cannot be sent. Once requested, the deployment's page opens.
 */
export function DeployDialog(props: {
  org: string;
  project: string;
  environment: Environment;
  onClose(): void;
}) {
  const { org, project, environment, onClose } = props;
  const api = useApi(juanieApiRef);
  const navigate = useNavigate();
  const deploymentLink = useRouteRef(deploymentRouteRef);
  const [refusal, setRefusal] = useState<PolicyViolation[]>();
  // The revision the latest preview was rendered on: sent with the request,
  // so that the back end spots changes made to the branch since.
  const previewedRevision = useRef<string>();

  const form = useZodForm({
    schema: deploymentRequestSchema,
    initialValues: emptyDeployForm,
    toRequest: (values: DeployFormValues) =>
      toDeploymentRequest(values, previewedRevision.current),
    onSubmit: async request => {
      setRefusal(undefined);
      try {
        const deployment = await api.requestDeployment(
          org,
          project,
          environment.slug,
          request,
        );
        navigate(deploymentLink({ org, project, id: deployment.id }));
      } catch (error) {
        setRefusal(policyViolationsOf(error));
        throw error;
      }
    },
  });

  const previewable = useMemo(
    () => toPreviewRequest(form.values),
    [form.values],
  );
  const preview = useDeploymentPreview(
    org,
    project,
    environment.slug,
    'request' in previewable ? previewable.request : undefined,
  );
  previewedRevision.current = preview.preview?.baseRevision;
  const problem = 'problem' in previewable ? previewable.problem : undefined;
  // The button agrees with the preview on screen, even while a newer one loads.
  const shown = problem ? undefined : preview.preview;
  const blocked = Boolean(shown?.enforced || shown?.validation.valid === false);

  return (
    <FormDialog
      title={`Deploy to ${environment.title}`}
      submitLabel="Request deployment"
      form={form}
      onClose={onClose}
      canSubmit={!blocked}
      maxWidth="lg"
    >
      <Grid container spacing={3}>
        <Grid item xs={12} md={5}>
          <Typography variant="body2" color="textSecondary" paragraph>
            {`${environment.gitops?.path ?? ''} on ${
              environment.gitops?.branch ?? ''
            }. ${describeApprovalRule(environment.approval)}.`}
          </Typography>
          <DeployFormFields form={form} />
        </Grid>
        <Grid item xs={12} md={7}>
          <DeploymentPreviewPanel state={preview} problem={problem} />
        </Grid>
      </Grid>
      {refusal && (
        <PolicyViolationList title="Refused by policy" violations={refusal} />
      )}
    </FormDialog>
  );
}
