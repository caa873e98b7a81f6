import { FormEvent } from 'react';
import { Box, Button, Grid, TextField } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  AUDIT_OUTCOMES,
  AuditQuery,
  auditQuerySchema,
} from '@juanie/plugin-juanie-common';
import { useZodForm } from '../../hooks/useZodForm';
import { AuditFilterValues, toAuditQuery } from './auditFilterForm';

const textFilters: { name: keyof AuditFilterValues; label: string }[] = [
  { name: 'actor', label: 'Actor' },
  { name: 'action', label: 'Action' },
  { name: 'resourceType', label: 'Resource type' },
  { name: 'project', label: 'Project' },
];

/**
 * Filters and free-text search of the audit trail, checked like the server does. The
 * organisation is chosen beside them, among those the user may read.
 */
export function AuditFilters(props: {
  /** Where the filters start and return to on reset, e.g. one organisation. */
  initialValues: AuditFilterValues;
  onApply(query: AuditQuery): void;
}) {
  const { initialValues, onApply } = props;
  const form = useZodForm({
    schema: auditQuerySchema,
    initialValues,
    toRequest: toAuditQuery,
    onSubmit: async query => onApply(query),
  });

  const apply = (event: FormEvent) => {
    event.preventDefault();
    form.submit();
  };

  const reset = () => {
    form.reset();
    onApply(toAuditQuery(initialValues));
  };

  return (
    <form onSubmit={apply} noValidate aria-label="Audit filters">
      <Grid container spacing={2} alignItems="flex-end">
        <Grid item xs={12} md={6}>
          <TextField
            {...form.field('q')}
            label="Search"
            placeholder="Words in the message, resource or actor"
            fullWidth
          />
        </Grid>
        {textFilters.map(({ name, label }) => (
          <Grid item xs={6} md={2} key={name}>
            <TextField {...form.field(name)} label={label} fullWidth />
          </Grid>
        ))}
        <Grid item xs={6} md={2}>
          <TextField
            {...form.field('outcome')}
            label="Outcome"
            select
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
            fullWidth
          >
            <option value="">any</option>
            {AUDIT_OUTCOMES.map(outcome => (
              <option key={outcome} value={outcome}>
                {outcome}
              </option>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={6} md={3}>
          <TextField
            {...form.field('from')}
            label="From"
            type="datetime-local"
            InputLabelProps={{ shrink: true }}
            fullWidth
          />
        </Grid>
        <Grid item xs={6} md={3}>
          <TextField
            {...form.field('to')}
            label="To"
            type="datetime-local"
            InputLabelProps={{ shrink: true }}
            fullWidth
          />
        </Grid>
        <Grid item xs={12} md={4}>
          <Box display="flex" gridGap={8}>
            <Button type="submit" variant="contained" color="primary">
              Apply filters
            </Button>
            <Button onClick={reset}>Reset</Button>
          </Box>
        </Grid>
      </Grid>
      {form.formError && (
        <Alert severity="error" role="alert">
          {form.formError}
        </Alert>
      )}
    </form>
  );
}
