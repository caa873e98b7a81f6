import { ReactNode } from 'react';
import { TextField } from '@material-ui/core';
import type { FieldProps } from '../../hooks/useZodForm';

/**
 * A form's native select (a form field of useZodForm): it reads well to screen readers and is
 * easy to drive from browser tests (`selectOption`). `choices` are values shown as they are, or
 * with a label; `none` adds a first, empty choice.
 */
export function SelectField(props: {
  field: FieldProps;
  label: string;
  choices: ReadonlyArray<string | { value: string; label: ReactNode }>;
  none?: ReactNode;
  /** A hint, shown while the field has no error to show. */
  helperText?: ReactNode;
  disabled?: boolean;
  margin?: 'normal';
}) {
  const { field, label, choices, none, disabled, margin } = props;
  return (
    <TextField
      {...field}
      label={label}
      select
      SelectProps={{ native: true }}
      helperText={field.helperText ?? props.helperText}
      disabled={disabled}
      fullWidth
      margin={margin}
    >
      {none !== undefined && <option value="">{none}</option>}
      {choices.map(choice => {
        const { value, label: shown } =
          typeof choice === 'string'
            ? { value: choice, label: choice }
            : choice;
        return (
          <option key={value} value={value}>
            {shown}
          </option>
        );
      })}
    </TextField>
  );
}
