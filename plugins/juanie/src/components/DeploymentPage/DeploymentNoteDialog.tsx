import { ReactNode } from 'react';
import { TextField, Typography } from '@material-ui/core';
import { deploymentNoteSchema } from '@juanie/plugin-juanie-common';
import type { DeploymentNoteRequest } from '../../api/JuanieApi';
import { useZodForm } from '../../hooks/useZodForm';
import { FormDialog } from '../shared/FormDialog';

/** Confirms a cancellation or a rollback, with an optional note for the record. */
export function DeploymentNoteDialog(props: {
  title: string;
  submitLabel: string;
  closeLabel?: string;
  children: ReactNode;
  onSubmit(note: DeploymentNoteRequest): Promise<unknown>;
  onClose(): void;
  onDone?(): void;
}) {
  const form = useZodForm({
    schema: deploymentNoteSchema,
    initialValues: { message: '' },
    toRequest: values => ({ message: values.message.trim() || undefined }),
    onSubmit: props.onSubmit,
  });
  return (
    <FormDialog
      title={props.title}
      submitLabel={props.submitLabel}
      closeLabel={props.closeLabel}
      form={form}
      onClose={props.onClose}
      onDone={props.onDone}
    >
      <Typography variant="body2" paragraph>
        {props.children}
      </Typography>
      <TextField
        {...form.field('message')}
        label="Note"
        placeholder="Why (optional)"
        multiline
        fullWidth
      />
    </FormDialog>
  );
}
