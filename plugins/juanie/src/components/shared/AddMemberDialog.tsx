import { TextField } from '@material-ui/core';
import type { z } from 'zod';
import { useZodForm } from '../../hooks/useZodForm';
import { FormDialog } from './FormDialog';
import { SelectField } from './SelectField';

/** Adds a user with a role; checked by the caller's add-member schema. */
export function AddMemberDialog<R extends string>(props: {
  title: string;
  roles: readonly R[];
  schema: z.ZodType<{ userRef: string; role: R }>;
  onAdd(request: { userRef: string; role: R }): Promise<unknown>;
  onClose(): void;
  onDone(): void;
}) {
  const { title, roles, schema, onAdd, onClose, onDone } = props;
  const form = useZodForm({
    schema,
    initialValues: { userRef: '', role: roles[0] },
    onSubmit: onAdd,
  });
  return (
    <FormDialog
      title={title}
      submitLabel="Add"
      form={form}
      onClose={onClose}
      onDone={onDone}
    >
      <TextField
        {...form.field('userRef')}
        label="User"
        placeholder="user:default/alice"
        fullWidth
        margin="normal"
        helperText={form.field('userRef').helperText ?? 'A user entity ref'}
      />
      <SelectField
        field={form.field('role')}
        label="Role"
        choices={roles}
        margin="normal"
      />
    </FormDialog>
  );
}
