import { TextField } from '@material-ui/core';
import { useApi } from '@backstage/core-plugin-api';
import {
  addProjectTeamSchema,
  PROJECT_ROLES,
  ProjectRole,
} from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { useTeams } from '../../hooks/organizations';
import { useZodForm } from '../../hooks/useZodForm';
import { FormDialog } from '../shared/FormDialog';

/** Grants one of the organisation's teams a role on the project. */
export function AddProjectTeamDialog(props: {
  org: string;
  project: string;
  /** Teams that already have a role, left out of the choice. */
  existing: string[];
  onClose(): void;
  onDone(): void;
}) {
  const { org, project, existing } = props;
  const api = useApi(juanieApiRef);
  const teams = useTeams(org);
  const choices = teams.items.filter(t => !existing.includes(t.slug));
  const form = useZodForm({
    schema: addProjectTeamSchema,
    initialValues: { team: '', role: 'developer' as ProjectRole },
    onSubmit: request => api.addProjectTeam(org, project, request),
  });
  return (
    <FormDialog
      title="Add team"
      submitLabel="Add"
      form={form}
      onClose={props.onClose}
      onDone={props.onDone}
    >
      <TextField
        {...form.field('team')}
        label="Team"
        select
        SelectProps={{ native: true }}
        fullWidth
        margin="normal"
        disabled={teams.loading}
      >
        <option value="">Choose a team</option>
        {choices.map(team => (
          <option key={team.slug} value={team.slug}>
            {team.title}
          </option>
        ))}
      </TextField>
      <TextField
        {...form.field('role')}
        label="Role"
        select
        SelectProps={{ native: true }}
        fullWidth
        margin="normal"
      >
        {PROJECT_ROLES.map(role => (
          <option key={role} value={role}>
            {role}
          </option>
        ))}
      </TextField>
    </FormDialog>
  );
}
