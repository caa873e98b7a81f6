import {
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  Grid,
  TextField,
  Typography,
} from '@material-ui/core';
import { WEEK_DAYS } from '@juanie/plugin-juanie-common';
import type { ZodForm } from '../../hooks/useZodForm';
import {
  APPROVAL_KINDS,
  paramHelp,
  PolicyFormValues,
  RESOURCE_NAMES,
} from './policyForm';

type Form = ZodForm<PolicyFormValues>;

/** A text field for one param, with the schema's help until the field has an error. */
function ParamField(props: {
  form: Form;
  name: keyof PolicyFormValues & string;
  param: string;
  label: string;
  placeholder?: string;
  multiline?: boolean;
  type?: string;
}) {
  const { form, name, param, label } = props;
  const field = form.field(name, `params.${param}`);
  return (
    <TextField
      {...field}
      label={label}
      placeholder={props.placeholder}
      type={props.type}
      multiline={props.multiline}
      minRows={props.multiline ? 2 : undefined}
      helperText={field.helperText ?? paramHelp(form.values.type, param)}
      fullWidth
    />
  );
}

/** Checkboxes choosing some of `options`, for list params. */
function ChoiceGroup<T extends string>(props: {
  form: Form;
  name: 'requests' | 'limits' | 'days';
  label: string;
  help?: string;
  options: readonly T[];
}) {
  const { form, name, label, options } = props;
  const chosen = form.values[name] as string[];
  // Registers the param's path, so that its messages show here.
  const { error, helperText } = form.field(name, `params.${name}`);
  const toggle = (option: T, on: boolean) =>
    form.setValue(
      name,
      (on
        ? options.filter(o => o === option || chosen.includes(o))
        : chosen.filter(o => o !== option)) as PolicyFormValues[typeof name],
    );
  return (
    <FormControl component="fieldset" error={error}>
      <FormLabel component="legend">{label}</FormLabel>
      <FormGroup row>
        {options.map(option => (
          <FormControlLabel
            key={option}
            label={option}
            control={
              <Checkbox
                checked={chosen.includes(option)}
                onChange={e => toggle(option, e.target.checked)}
                inputProps={{ 'aria-label': `${label}: ${option}` }}
              />
            }
          />
        ))}
      </FormGroup>
      <FormHelperText>{helperText ?? props.help}</FormHelperText>
    </FormControl>
  );
}

function FreezeWindowFields({ form }: { form: Form }) {
  const { values } = form;
  return (
    <>
      <Grid item xs={6}>
        <TextField
          {...form.field('window')}
          label="Window"
          select
          SelectProps={{ native: true }}
          fullWidth
        >
          <option value="weekly">Every week</option>
          <option value="oneOff">Once</option>
        </TextField>
      </Grid>
      <Grid item xs={6}>
        <ParamField
          form={form}
          name="timeZone"
          param="timeZone"
          label="Time zone"
        />
      </Grid>
      {values.window === 'oneOff' ? (
        <>
          <Grid item xs={6}>
            <ParamField
              form={form}
              name="start"
              param="start"
              label="Start"
              placeholder="2026-12-24T18:00"
            />
          </Grid>
          <Grid item xs={6}>
            <ParamField
              form={form}
              name="end"
              param="end"
              label="End"
              placeholder="2027-01-02T08:00"
            />
          </Grid>
        </>
      ) : (
        <>
          <Grid item xs={12}>
            <ChoiceGroup
              form={form}
              name="days"
              label="Days"
              help={paramHelp('freezeWindow', 'days')}
              options={WEEK_DAYS}
            />
          </Grid>
          <Grid item xs={6}>
            <ParamField
              form={form}
              name="from"
              param="from"
              label="From"
              placeholder="18:00"
            />
          </Grid>
          <Grid item xs={6}>
            <ParamField
              form={form}
              name="to"
              param="to"
              label="To"
              placeholder="08:00"
            />
          </Grid>
        </>
      )}
    </>
  );
}

function MinApprovalsFields({ form }: { form: Form }) {
  return (
    <>
      <Grid item xs={12}>
        <Typography variant="body2" color="textSecondary">
          {paramHelp('minApprovals', 'byKind')}; leave a kind blank to leave it
          alone.
        </Typography>
      </Grid>
      {APPROVAL_KINDS.map(kind => (
        <Grid item xs={4} key={kind}>
          <TextField
            {...form.field(kind, `params.byKind.${kind}`)}
            label={`Approvals in ${kind}`}
            type="number"
            fullWidth
          />
        </Grid>
      ))}
    </>
  );
}

/** The params of the chosen rule type, each with its help text. */
export function PolicyRuleFields({ form }: { form: Form }) {
  switch (form.values.type) {
    case 'noLatestTag':
    case 'requireDigest':
      return (
        <Grid item xs={12}>
          <Typography variant="body2" color="textSecondary">
            This rule has no settings.
          </Typography>
        </Grid>
      );
    case 'allowedRegistries':
      return (
        <Grid item xs={12}>
          <ParamField
            form={form}
            name="patterns"
            param="patterns"
            label="Allowed image patterns"
            placeholder="ghcr.io/acme/*, docker.io/library/nginx"
            multiline
          />
        </Grid>
      );
    case 'requiredLabels':
      return (
        <Grid item xs={12}>
          <ParamField
            form={form}
            name="labels"
            param="labels"
            label="Required labels"
            placeholder="app.kubernetes.io/name, team"
            multiline
          />
        </Grid>
      );
    case 'maxReplicas':
      return (
        <Grid item xs={6}>
          <ParamField
            form={form}
            name="max"
            param="max"
            label="Maximum replicas"
            type="number"
          />
        </Grid>
      );
    case 'requireResources':
      return (
        <>
          <Grid item xs={6}>
            <ChoiceGroup
              form={form}
              name="requests"
              label="Requests"
              help={paramHelp('requireResources', 'requests')}
              options={RESOURCE_NAMES}
            />
          </Grid>
          <Grid item xs={6}>
            <ChoiceGroup
              form={form}
              name="limits"
              label="Limits"
              help={paramHelp('requireResources', 'limits')}
              options={RESOURCE_NAMES}
            />
          </Grid>
        </>
      );
    case 'freezeWindow':
      return <FreezeWindowFields form={form} />;
    case 'minApprovals':
      return <MinApprovalsFields form={form} />;
    default:
      return (
        <Grid item xs={12}>
          <TextField
            {...form.field('paramsJson', 'params')}
            label="Settings (JSON)"
            helperText={
              form.field('paramsJson', 'params').helperText ??
              'This rule type comes from a backend module; the server checks its settings'
            }
            multiline
            minRows={3}
            fullWidth
          />
        </Grid>
      );
  }
}
