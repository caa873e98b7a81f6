import { Grid, TextField, Typography } from '@material-ui/core';
import type { ZodForm } from '../../hooks/useZodForm';
import type { DeployFormValues } from './deployForm';
import { EnvVarRows } from './EnvVarRows';

function Section(props: { title: string }) {
  return (
    <Grid item xs={12}>
      <Typography variant="subtitle2" component="h3">
        {props.title}
      </Typography>
    </Grid>
  );
}

/** The fields of a deployment: what to change on the workload, and the commit message. */
export function DeployFormFields(props: { form: ZodForm<DeployFormValues> }) {
  const { form } = props;
  const { field } = form;
  // The rows show the variables' messages, the remove list its own.
  field('envSet', 'changes.env');
  const envError = Object.entries(form.fieldErrors).find(
    ([path]) => path === 'changes.env' || path.startsWith('changes.env.set'),
  )?.[1];

  return (
    <Grid container spacing={2}>
      <Section title="Image" />
      <Grid item xs={12}>
        <TextField
          {...field('imageName', 'changes.image.name')}
          label="Image name"
          placeholder="ghcr.io/acme/web (keep the current one when blank)"
          fullWidth
        />
      </Grid>
      <Grid item xs={6}>
        <TextField
          {...field('imageTag', 'changes.image.tag')}
          label="Image tag"
          placeholder="1.4.2"
          fullWidth
        />
      </Grid>
      <Grid item xs={6}>
        <TextField
          {...field('imageDigest', 'changes.image.digest')}
          label="Image digest"
          placeholder="sha256:…"
          fullWidth
        />
      </Grid>

      <Section title="Scale" />
      <Grid item xs={6}>
        <TextField
          {...field('replicas', 'changes.replicas')}
          label="Replicas"
          type="number"
          inputProps={{ min: 0 }}
          fullWidth
        />
      </Grid>

      <Section title="Environment variables" />
      <Grid item xs={12}>
        <EnvVarRows
          rows={form.values.envSet}
          onChange={rows => form.setValue('envSet', rows)}
          error={envError}
        />
      </Grid>
      <Grid item xs={12}>
        <TextField
          {...field('envRemove', 'changes.env.remove')}
          label="Remove variables"
          helperText={
            field('envRemove', 'changes.env.remove').helperText ??
            'Names separated by commas'
          }
          fullWidth
        />
      </Grid>

      <Section title="Resources" />
      <Grid item xs={6}>
        <TextField
          {...field('requestsCpu', 'changes.resources.requests.cpu')}
          label="CPU request"
          placeholder="100m"
          fullWidth
        />
      </Grid>
      <Grid item xs={6}>
        <TextField
          {...field('requestsMemory', 'changes.resources.requests.memory')}
          label="Memory request"
          placeholder="256Mi"
          fullWidth
        />
      </Grid>
      <Grid item xs={6}>
        <TextField
          {...field('limitsCpu', 'changes.resources.limits.cpu')}
          label="CPU limit"
          placeholder="500m"
          fullWidth
        />
      </Grid>
      <Grid item xs={6}>
        <TextField
          {...field('limitsMemory', 'changes.resources.limits.memory')}
          label="Memory limit"
          placeholder="512Mi"
          fullWidth
        />
      </Grid>

      <Section title="HelmRelease values" />
      <Grid item xs={12}>
        <Typography variant="body2" color="textSecondary">
          Juanie cannot read a chart: it writes only to values the release
          already sets. Where the chart reads a setting elsewhere, name its path
          under spec.values.
        </Typography>
      </Grid>
      <Grid item xs={4}>
        <TextField
          {...field('valuesReplicas', 'changes.valuesPaths.replicas')}
          label="Replicas path"
          placeholder="controller.replicaCount"
          fullWidth
        />
      </Grid>
      <Grid item xs={4}>
        <TextField
          {...field('valuesImage', 'changes.valuesPaths.image')}
          label="Image path"
          placeholder="image"
          fullWidth
        />
      </Grid>
      <Grid item xs={4}>
        <TextField
          {...field('valuesDigest', 'changes.valuesPaths.digest')}
          label="Digest path"
          placeholder="image.digest"
          fullWidth
        />
      </Grid>

      <Section title="Request" />
      <Grid item xs={12}>
        <TextField
          {...field('workload')}
          label="Workload"
          placeholder="Deployment/web"
          helperText={
            field('workload').helperText ??
            'Kind/name; needed only when the path has several workloads'
          }
          fullWidth
        />
      </Grid>
      <Grid item xs={12}>
        <TextField
          {...field('message')}
          label="Commit message"
          multiline
          minRows={2}
          fullWidth
        />
      </Grid>
    </Grid>
  );
}
