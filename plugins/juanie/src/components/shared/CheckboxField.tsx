import { Checkbox, FormControlLabel } from '@material-ui/core';

/** A form's labelled checkbox (its label names it for screen readers and browser tests). */
export function CheckboxField(props: {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
}) {
  return (
    <FormControlLabel
      label={props.label}
      control={
        <Checkbox
          checked={props.checked}
          onChange={e => props.onChange(e.target.checked)}
        />
      }
    />
  );
}
