import { useId } from 'react';
import {
  Box,
  Button,
  FormHelperText,
  IconButton,
  TextField,
} from '@material-ui/core';
import DeleteIcon from '@material-ui/icons/Delete';
import type { EnvVarRow } from './deployForm';

/** Environment variables to set, one row each, with a way to add and drop rows. */
export function EnvVarRows(props: {
  rows: EnvVarRow[];
  onChange(rows: EnvVarRow[]): void;
  error?: string;
}) {
  const { rows, onChange, error } = props;
  const id = useId();
  const update = (index: number, change: Partial<EnvVarRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));

  return (
    <>
      {rows.map((row, index) => (
        <Box
          key={index}
          display="flex"
          gridGap={8}
          alignItems="flex-end"
          role="group"
          aria-label={`Variable ${index + 1}`}
        >
          <TextField
            id={`${id}-name-${index}`}
            label="Variable name"
            value={row.name}
            onChange={e => update(index, { name: e.target.value })}
            error={Boolean(error)}
            fullWidth
          />
          <TextField
            id={`${id}-value-${index}`}
            label="Variable value"
            value={row.value}
            onChange={e => update(index, { value: e.target.value })}
            fullWidth
          />
          <IconButton
            aria-label={`Remove variable ${index + 1}`}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            <DeleteIcon />
          </IconButton>
        </Box>
      ))}
      <Button
        size="small"
        onClick={() => onChange([...rows, { name: '', value: '' }])}
      >
        Add variable
      </Button>
      {error && <FormHelperText error>{error}</FormHelperText>}
    </>
  );
}
