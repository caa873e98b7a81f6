import { useApi } from '@backstage/core-plugin-api';
import { createProjectSchema } from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { CreateNamedDialog } from '../shared/CreateNamedDialog';

/** Creates a project in an organisation; the creator becomes its owner. */
export function CreateProjectDialog(props: {
  org: string;
  onClose(): void;
  onDone(): void;
}) {
  const api = useApi(juanieApiRef);
  return (
    <CreateNamedDialog
      title="Create project"
      slugPlaceholder="web-shop"
      schema={createProjectSchema}
      submit={request => api.createProject(props.org, request)}
      onClose={props.onClose}
      onDone={props.onDone}
    />
  );
}
