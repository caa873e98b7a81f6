import { useApi } from '@backstage/core-plugin-api';
import { createTeamSchema } from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { CreateNamedDialog } from '../shared/CreateNamedDialog';

/** Creates a team in an organisation. */
export function CreateTeamDialog(props: {
  org: string;
  onClose(): void;
  onDone(): void;
}) {
  const api = useApi(juanieApiRef);
  return (
    <CreateNamedDialog
      title="Create team"
      slugPlaceholder="platform"
      schema={createTeamSchema}
      submit={request => api.createTeam(props.org, request)}
      onClose={props.onClose}
      onDone={props.onDone}
    />
  );
}
