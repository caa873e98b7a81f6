import { TextField } from '@material-ui/core';
import { useApi } from '@backstage/core-plugin-api';
import {
  connectRepositorySchema,
  REPOSITORY_PURPOSES,
} from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { useZodForm } from '../../hooks/useZodForm';
import { FormDialog } from '../shared/FormDialog';
import { SelectField } from '../shared/SelectField';

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
      <SelectField
        field={form.field('purpose')}
        label="Purpose"
        choices={REPOSITORY_PURPOSES.map(purpose => ({
          value: purpose,
          label: purposeLabels[purpose],
        }))}
        margin="normal"
      />
    </FormDialog>
  );
}
