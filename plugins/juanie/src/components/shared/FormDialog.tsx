import { FormEvent, ReactNode } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type { ZodForm } from '../../hooks/useZodForm';

/**
 * A dialog around a zod-checked form. Mount it only while it is open, so that
 * each opening starts from fresh values.
 */
export function FormDialog<TValues>(props: {
  title: string;
  submitLabel: string;
  form: ZodForm<TValues>;
  onClose(): void;
  /** Called after the server accepted the form, before the dialog closes. */
  onDone?(): void;
  /** False while something the form shows forbids sending it. */
  canSubmit?: boolean;
  /** The label of the button that closes without sending. */
  closeLabel?: string;
  maxWidth?: 'sm' | 'md' | 'lg' | 'xl';
  children: ReactNode;
}) {
  const { title, submitLabel, form, onClose, onDone, children } = props;
  const { canSubmit = true, closeLabel = 'Cancel', maxWidth = 'sm' } = props;
  const titleId = 'juanie-form-dialog-title';

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (await form.submit()) {
      onDone?.();
      onClose();
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth={maxWidth}
    >
      <form onSubmit={handleSubmit} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          {children}
          {form.formError && (
            <Alert severity="error" role="alert">
              {form.formError}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{closeLabel}</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={form.submitting || !canSubmit}
          >
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
