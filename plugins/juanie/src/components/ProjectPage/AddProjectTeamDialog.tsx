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
import { SelectField } from '../shared/SelectField';

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
      <SelectField
        field={form.field('team')}
        label="Team"
        none="Choose a team"
        choices={choices.map(team => ({ value: team.slug, label: team.title }))}
        margin="normal"
        disabled={teams.loading}
      />
      <SelectField
        field={form.field('role')}
        label="Role"
        choices={PROJECT_ROLES}
        margin="normal"
      />
    </FormDialog>
  );
}
