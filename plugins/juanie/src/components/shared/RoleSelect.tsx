import { TextField } from '@material-ui/core';

/**
 * A native select of roles: it reads well to screen readers and is easy to drive
 * from browser tests (`selectOption`).
 */
export function RoleSelect<R extends string>(props: {
  roles: readonly R[];
  value: R;
  label: string;
  onChange(role: R): void;
  disabled?: boolean;
}) {
  const { roles, value, label, onChange, disabled } = props;
  return (
    <TextField
      select
      size="small"
      value={value}
      disabled={disabled}
      onChange={e => onChange(e.target.value as R)}
      SelectProps={{ native: true }}
      inputProps={{ 'aria-label': label }}
    >
      {roles.map(role => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </TextField>
  );
}
