import { TextField } from '@material-ui/core';
import { useApi } from '@backstage/core-plugin-api';
import { createTeamSchema } from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { useZodForm } from '../../hooks/useZodForm';
import { FormDialog } from '../shared/FormDialog';

/** Creates a team in an organisation. */
export function CreateTeamDialog(props: {
  org: string;
  onClose(): void;
  onDone(): void;
}) {
  const api = useApi(juanieApiRef);
  const form = useZodForm({
    schema: createTeamSchema,
    initialValues: { slug: '', title: '', description: '' },
    onSubmit: request => api.createTeam(props.org, request),
  });
  return (
    <FormDialog
      title="Create team"
      submitLabel="Create"
      form={form}
      onClose={props.onClose}
      onDone={props.onDone}
    >
      <TextField
        {...form.field('slug')}
        label="Slug"
        placeholder="platform"
        fullWidth
        margin="normal"
      />
      <TextField
        {...form.field('title')}
        label="Title"
        fullWidth
        margin="normal"
      />
      <TextField
        {...form.field('description')}
        label="Description"
        multiline
        fullWidth
        margin="normal"
      />
    </FormDialog>
  );
}
