import { TextField } from '@material-ui/core';
import { useApi } from '@backstage/core-plugin-api';
import { createProjectSchema } from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { useZodForm } from '../../hooks/useZodForm';
import { FormDialog } from '../shared/FormDialog';

/** Creates a project in an organisation; the creator becomes its owner. */
export function CreateProjectDialog(props: {
  org: string;
  onClose(): void;
  onDone(): void;
}) {
  const api = useApi(juanieApiRef);
  const form = useZodForm({
    schema: createProjectSchema,
    initialValues: { slug: '', title: '', description: '' },
    onSubmit: request => api.createProject(props.org, request),
  });
  return (
    <FormDialog
      title="Create project"
      submitLabel="Create"
      form={form}
      onClose={props.onClose}
      onDone={props.onDone}
    >
      <TextField
        {...form.field('slug')}
        label="Slug"
        placeholder="web-shop"
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
