import { TextField } from '@material-ui/core';
import { useApi } from '@backstage/core-plugin-api';
import { createOrganizationSchema } from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { useZodForm } from '../../hooks/useZodForm';
import { FormDialog } from '../shared/FormDialog';

/** Creates an organisation; the creator becomes its owner. */
export function CreateOrganizationDialog(props: {
  onClose(): void;
  onDone(): void;
}) {
  const api = useApi(juanieApiRef);
  const form = useZodForm({
    schema: createOrganizationSchema,
    initialValues: { slug: '', title: '', description: '' },
    onSubmit: request => api.createOrganization(request),
  });
  return (
    <FormDialog
      title="Create organisation"
      submitLabel="Create"
      form={form}
      onClose={props.onClose}
      onDone={props.onDone}
    >
      <TextField
        {...form.field('slug')}
        label="Slug"
        placeholder="acme"
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
