import { TextField } from '@material-ui/core';
import { useApi } from '@backstage/core-plugin-api';
import {
  connectRepositorySchema,
  REPOSITORY_PURPOSES,
} from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { useZodForm } from '../../hooks/useZodForm';
import { FormDialog } from '../shared/FormDialog';

const purposeLabels: Record<(typeof REPOSITORY_PURPOSES)[number], string> = {
  app: 'Application source',
  gitops: 'GitOps manifests',
};

/** Connects a git repository to the project by URL; the provider is detected. */
export function ConnectRepositoryDialog(props: {
  org: string;
  project: string;
  onClose(): void;
  onDone(): void;
}) {
  const api = useApi(juanieApiRef);
  const form = useZodForm({
    schema: connectRepositorySchema,
    initialValues: {
      url: '',
      purpose: 'gitops' as (typeof REPOSITORY_PURPOSES)[number],
    },
    onSubmit: request =>
      api.connectRepository(props.org, props.project, request),
  });
  return (
    <FormDialog
      title="Connect repository"
      submitLabel="Connect"
      form={form}
      onClose={props.onClose}
      onDone={props.onDone}
    >
      <TextField
        {...form.field('url')}
        label="URL"
        placeholder="https://github.com/acme/web-gitops"
        fullWidth
        margin="normal"
      />
      <TextField
        {...form.field('purpose')}
        label="Purpose"
        select
        SelectProps={{ native: true }}
        fullWidth
        margin="normal"
      >
        {REPOSITORY_PURPOSES.map(purpose => (
          <option key={purpose} value={purpose}>
            {purposeLabels[purpose]}
          </option>
        ))}
      </TextField>
    </FormDialog>
  );
}
