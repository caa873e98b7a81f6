import { TextField } from '@material-ui/core';
import { useApi } from '@backstage/core-plugin-api';
import {
  QuotaLimits,
  updateOrganizationSchema,
} from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { useZodForm } from '../../hooks/useZodForm';
import { FormDialog } from '../shared/FormDialog';

type QuotaForm = Record<keyof QuotaLimits, string>;

const fields: { name: keyof QuotaLimits; label: string }[] = [
  { name: 'maxProjects', label: 'Projects' },
  { name: 'maxEnvironmentsPerProject', label: 'Environments per project' },
  { name: 'maxMembers', label: 'Members' },
];

// An empty field means "no limit", which the API spells null.
const toLimit = (value: string) => (value.trim() === '' ? null : Number(value));

/** Changes an organisation's limits; only organisation managers see it. */
export function EditQuotaDialog(props: {
  org: string;
  limits: QuotaLimits;
  onClose(): void;
  onDone(): void;
}) {
  const { org, limits } = props;
  const api = useApi(juanieApiRef);
  const form = useZodForm({
    schema: updateOrganizationSchema,
    initialValues: {
      maxProjects: String(limits.maxProjects ?? ''),
      maxEnvironmentsPerProject: String(limits.maxEnvironmentsPerProject ?? ''),
      maxMembers: String(limits.maxMembers ?? ''),
    } as QuotaForm,
    toRequest: values => ({
      quota: {
        maxProjects: toLimit(values.maxProjects),
        maxEnvironmentsPerProject: toLimit(values.maxEnvironmentsPerProject),
        maxMembers: toLimit(values.maxMembers),
      },
    }),
    onSubmit: request => api.updateOrganization(org, request),
  });
  return (
    <FormDialog
      title="Edit quota"
      submitLabel="Save"
      form={form}
      onClose={props.onClose}
      onDone={props.onDone}
    >
      {fields.map(({ name, label }) => (
        <TextField
          key={name}
          {...form.field(name, `quota.${name}`)}
          label={label}
          type="number"
          placeholder="unlimited"
          fullWidth
          margin="normal"
          inputProps={{ min: 0 }}
        />
      ))}
    </FormDialog>
  );
}
