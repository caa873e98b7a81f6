import { useId } from 'react';
import {
  Checkbox,
  FormControl,
  Grid,
  InputLabel,
  ListItemText,
  MenuItem,
  Select,
  TextField,
} from '@material-ui/core';
import {
  DEPLOYMENT_STATUSES,
  DeploymentStatus,
  Environment,
} from '@juanie/plugin-juanie-common';
import type { DeploymentListQuery } from '../../api/JuanieApi';
import { deploymentStatusLabel } from '../shared/DeploymentStatusView';

/** Narrows a deployment history to one environment and some statuses. */
export function DeploymentFilters(props: {
  environments: Environment[];
  query: DeploymentListQuery;
  onChange(query: DeploymentListQuery): void;
}) {
  const { environments, query, onChange } = props;
  const id = useId();
  const statuses = query.status ?? [];

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={4}>
        <TextField
          id={`${id}-environment`}
          label="Environment"
          select
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          value={query.environment ?? ''}
          onChange={e =>
            onChange({ ...query, environment: e.target.value || undefined })
          }
          fullWidth
        >
          <option value="">all</option>
          {environments.map(env => (
            <option key={env.slug} value={env.slug}>
              {env.title}
            </option>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12} sm={8}>
        <FormControl fullWidth>
          <InputLabel id={`${id}-status-label`} shrink>
            Status
          </InputLabel>
          <Select
            labelId={`${id}-status-label`}
            multiple
            displayEmpty
            value={statuses}
            onChange={e => {
              const chosen = e.target.value as DeploymentStatus[];
              onChange({
                ...query,
                status: chosen.length ? chosen : undefined,
              });
            }}
            renderValue={selected =>
              (selected as DeploymentStatus[]).length
                ? (selected as DeploymentStatus[])
                    .map(deploymentStatusLabel)
                    .join(', ')
                : 'any'
            }
          >
            {DEPLOYMENT_STATUSES.map(status => (
              <MenuItem key={status} value={status}>
                <Checkbox checked={statuses.includes(status)} />
                <ListItemText primary={deploymentStatusLabel(status)} />
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      </Grid>
    </Grid>
  );
}
