import { Grid, TextField, Typography } from '@material-ui/core';
import { useApi } from '@backstage/core-plugin-api';
import {
  builtInPolicyRuleParamsSchemas,
  Environment,
  Policy,
  PolicyRuleTypeInfo,
  PolicyScope,
} from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { useZodForm } from '../../hooks/useZodForm';
import { CheckboxField } from '../shared/CheckboxField';
import { FormDialog } from '../shared/FormDialog';
import {
  createPolicyFormSchema,
  policyFormValues,
  toCreatePolicyRequest,
  toUpdatePolicyRequest,
  updatePolicyFormSchema,
} from './policyForm';
import { PolicyRuleFields } from './PolicyRuleFields';

/** The rule types to offer: the server's list, or the built-in ones while it is not there. */
function ruleTypeChoices(
  ruleTypes: PolicyRuleTypeInfo[] | undefined,
  current: string,
): Pick<PolicyRuleTypeInfo, 'type' | 'title' | 'description'>[] {
  const choices = ruleTypes?.length
    ? ruleTypes
    : Object.keys(builtInPolicyRuleParamsSchemas).map(type => ({
        type,
        title: type,
        description: '',
      }));
  // A policy whose rule type is gone keeps it, so the form can show and replace it.
  return choices.some(c => c.type === current)
    ? choices
    : [
        ...choices,
        { type: current, title: `${current} (not installed)`, description: '' },
      ];
}

/**
 * Creates a policy on `scope`, or edits `policy`: its rule type and settings,
 * whether it refuses or warns, and whether it is on. A project policy may be
 * narrowed to one environment when it is created; a scope never changes.
 */
export function PolicyDialog(props: {
  scope: PolicyScope;
  policy?: Policy;
  ruleTypes?: PolicyRuleTypeInfo[];
  /** The project's environments, for a new project policy. */
  environments?: Environment[];
  onClose(): void;
  onDone(): void;
}) {
  const { scope, policy, environments = [] } = props;
  const api = useApi(juanieApiRef);
  const initialValues = policyFormValues(policy);
  const createForm = useZodForm({
    schema: createPolicyFormSchema,
    initialValues,
    toRequest: toCreatePolicyRequest(scope),
    onSubmit: request => api.createPolicy(request),
  });
  const updateForm = useZodForm({
    schema: updatePolicyFormSchema,
    initialValues,
    toRequest: toUpdatePolicyRequest,
    onSubmit: request => api.updatePolicy(policy?.id ?? '', request),
  });
  const form = policy ? updateForm : createForm;
  const { field, values, setValue } = form;
  const choices = ruleTypeChoices(props.ruleTypes, values.type);
  const chosen = choices.find(choice => choice.type === values.type);

  return (
    <FormDialog
      title={policy ? `Edit ${policy.title}` : 'Add policy'}
      submitLabel="Save"
      form={form}
      onClose={props.onClose}
      onDone={props.onDone}
      maxWidth="md"
    >
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <TextField {...field('title')} label="Title" fullWidth />
        </Grid>
        <Grid item xs={12}>
          <TextField
            {...field('description')}
            label="Description"
            helperText={
              field('description').helperText ??
              'Why the policy exists: people whose deployment it refuses read this'
            }
            fullWidth
          />
        </Grid>
        {scope.project && (
          <Grid item xs={12}>
            <TextField
              {...field('environment', 'scope.environment')}
              label="Applies to"
              select
              SelectProps={{ native: true }}
              disabled={Boolean(policy)}
              helperText={
                policy
                  ? 'The scope of a policy never changes: add a new policy instead'
                  : 'The whole project, or one of its environments'
              }
              fullWidth
            >
              <option value="">Every environment of {scope.project}</option>
              {(policy?.scope.environment
                ? [
                    {
                      slug: policy.scope.environment,
                      title: policy.scope.environment,
                    },
                  ]
                : environments
              ).map(env => (
                <option key={env.slug} value={env.slug}>
                  {env.title} ({env.slug})
                </option>
              ))}
            </TextField>
          </Grid>
        )}
        <Grid item xs={12}>
          <TextField
            {...field('type')}
            label="Rule"
            select
            SelectProps={{ native: true }}
            helperText={field('type').helperText ?? chosen?.description}
            fullWidth
          >
            {choices.map(choice => (
              <option key={choice.type} value={choice.type}>
                {choice.title}
              </option>
            ))}
          </TextField>
        </Grid>
        <PolicyRuleFields form={form} />
        <Grid item xs={12}>
          <Typography variant="subtitle2">When a change breaks it</Typography>
        </Grid>
        <Grid item xs={6}>
          <TextField
            {...field('enforcement')}
            label="Enforcement"
            select
            SelectProps={{ native: true }}
            helperText={
              values.enforcement === 'enforce'
                ? 'The deployment is refused'
                : 'The deployment goes ahead; the requester and approvers see the warning'
            }
            fullWidth
          >
            <option value="enforce">Enforced</option>
            <option value="warn">Warning</option>
          </TextField>
        </Grid>
        <Grid item xs={6}>
          <CheckboxField
            label="Enabled"
            checked={values.enabled}
            onChange={checked => setValue('enabled', checked)}
          />
        </Grid>
      </Grid>
    </FormDialog>
  );
}
