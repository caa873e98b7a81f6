import { Grid, TextField, Typography } from '@material-ui/core';
import { useApi } from '@backstage/core-plugin-api';
import {
  createEnvironmentSchema,
  Environment,
  ENVIRONMENT_KINDS,
  EnvironmentKind,
  Repository,
  updateEnvironmentSchema,
} from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { useZodForm } from '../../hooks/useZodForm';
import { FormDialog } from '../shared/FormDialog';
import { CheckboxField } from '../shared/CheckboxField';
import { SelectField } from '../shared/SelectField';
import {
  environmentFormValues,
  toCreateEnvironmentRequest,
  toUpdateEnvironmentRequest,
} from './environmentForm';

/**
 * Creates an environment, or edits one when `environment` is given: where it
 * runs, the approval gate and the GitOps target.
 */
export function EnvironmentDialog(props: {
  org: string;
  project: string;
  environment?: Environment;
  suggestion: { kind: EnvironmentKind; order: number };
  gitOpsRepositories: Repository[];
  onClose(): void;
  onDone(): void;
}) {
  const { org, project, environment, gitOpsRepositories } = props;
  const api = useApi(juanieApiRef);
  const initialValues = environmentFormValues(environment, props.suggestion);
  const createForm = useZodForm({
    schema: createEnvironmentSchema,
    initialValues,
    toRequest: toCreateEnvironmentRequest,
    onSubmit: request => api.createEnvironment(org, project, request),
  });
  const updateForm = useZodForm({
    schema: updateEnvironmentSchema,
    initialValues,
    toRequest: toUpdateEnvironmentRequest,
    onSubmit: request =>
      api.updateEnvironment(org, project, environment?.slug ?? '', request),
  });
  const form = environment ? updateForm : createForm;
  const { field, values, setValue } = form;

  return (
    <FormDialog
      title={environment ? `Edit ${environment.title}` : 'Add environment'}
      submitLabel="Save"
      form={form}
      onClose={props.onClose}
      onDone={props.onDone}
    >
      <Grid container spacing={2}>
        <Grid item xs={6}>
          <TextField
            {...field('slug')}
            label="Slug"
            placeholder="staging"
            disabled={Boolean(environment)}
            fullWidth
          />
        </Grid>
        <Grid item xs={6}>
          <TextField {...field('title')} label="Title" fullWidth />
        </Grid>
        <Grid item xs={12}>
          <TextField {...field('description')} label="Description" fullWidth />
        </Grid>
        <Grid item xs={6}>
          <SelectField
            field={field('kind')}
            label="Kind"
            choices={ENVIRONMENT_KINDS}
          />
        </Grid>
        <Grid item xs={6}>
          <TextField
            {...field('order')}
            label="Order"
            type="number"
            fullWidth
          />
        </Grid>
        <Grid item xs={6}>
          <TextField {...field('cluster')} label="Cluster" fullWidth />
        </Grid>
        <Grid item xs={6}>
          <TextField {...field('namespace')} label="Namespace" fullWidth />
        </Grid>

        <Grid item xs={12}>
          <Typography variant="subtitle2">Approval rule</Typography>
        </Grid>
        <Grid item xs={6}>
          <TextField
            {...field('requiredApprovals', 'approval.requiredApprovals')}
            label="Required approvals"
            type="number"
            fullWidth
          />
        </Grid>
        <Grid item xs={6}>
          <TextField
            {...field('expiresAfter', 'approval.expiresAfter')}
            label="Expires after"
            placeholder="P3D"
            fullWidth
          />
        </Grid>
        <Grid item xs={12}>
          <TextField
            {...field('approvers', 'approval.approvers')}
            label="Approvers"
            placeholder="user:default/bob, group:default/sre, team:platform"
            helperText={
              field('approvers', 'approval.approvers').helperText ??
              'Users, catalog groups or teams, separated by commas'
            }
            fullWidth
          />
        </Grid>
        <Grid item xs={12}>
          <CheckboxField
            label="Allow self-approval"
            checked={values.allowSelfApproval}
            onChange={checked => setValue('allowSelfApproval', checked)}
          />
        </Grid>

        <Grid item xs={12}>
          <Typography variant="subtitle2">GitOps target</Typography>
        </Grid>
        <Grid item xs={12}>
          <SelectField
            field={field('repositoryId', 'gitops.repositoryId')}
            label="Repository"
            none="None"
            choices={gitOpsRepositories.map(repository => ({
              value: repository.id,
              label: repository.url,
            }))}
            helperText={
              gitOpsRepositories.length === 0
                ? 'Connect a GitOps repository to the project first'
                : undefined
            }
          />
        </Grid>
        {values.repositoryId && (
          <>
            <Grid item xs={6}>
              <TextField
                {...field('branch', 'gitops.branch')}
                label="Branch"
                fullWidth
              />
            </Grid>
            <Grid item xs={6}>
              <TextField
                {...field('path', 'gitops.path')}
                label="Path"
                placeholder="apps/web/staging"
                fullWidth
              />
            </Grid>
          </>
        )}
      </Grid>
    </FormDialog>
  );
}
