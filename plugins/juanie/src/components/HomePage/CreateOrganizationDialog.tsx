import { useApi } from '@backstage/core-plugin-api';
import { createOrganizationSchema } from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { CreateNamedDialog } from '../shared/CreateNamedDialog';

/** Creates an organisation; the creator becomes its owner. */
export function CreateOrganizationDialog(props: {
  onClose(): void;
  onDone(): void;
}) {
  const api = useApi(juanieApiRef);
  return (
    <CreateNamedDialog
      title="Create organisation"
      slugPlaceholder="acme"
      schema={createOrganizationSchema}
      submit={request => api.createOrganization(request)}
      onClose={props.onClose}
      onDone={props.onDone}
    />
  );
}
