import { TextField } from '@material-ui/core';
import { z } from 'zod';
import { useZodForm } from '../../hooks/useZodForm';
import { FormDialog } from './FormDialog';

/** The create schemas that take a slug, a title and a description. */
type NamedCreateSchema = z.ZodType<
  { slug: string; title: string; description?: string },
  { slug: string; title: string; description?: string }
>;

/**
 * The dialog that creates an organisation, a team or a project: slug, title and description,
 * checked with the same schema the back end uses.
 */
export function CreateNamedDialog<TSchema extends NamedCreateSchema>(props: {
  title: string;
  slugPlaceholder: string;
  schema: TSchema;
  submit(request: z.output<TSchema>): Promise<unknown>;
  onClose(): void;
  onDone(): void;
}) {
  const form = useZodForm({
    schema: props.schema,
    initialValues: { slug: '', title: '', description: '' },
    onSubmit: request => props.submit(request),
  });
  return (
    <FormDialog
      title={props.title}
      submitLabel="Create"
      form={form}
      onClose={props.onClose}
      onDone={props.onDone}
    >
      <TextField
        {...form.field('slug')}
        label="Slug"
        placeholder={props.slugPlaceholder}
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
