import { FormEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Box, Button, Grid, TextField, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { InfoCard } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { Project, updateProjectSchema } from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { useZodForm } from '../../hooks/useZodForm';
import { organizationRouteRef } from '../../routes';
import { ConfirmDialog } from '../shared/ConfirmDialog';

/** Title and description, and the project's end of life: archive or delete. */
export function ProjectSettings(props: {
  project: Project;
  canManage: boolean;
  canDelete: boolean;
  onChange(): void;
}) {
  const { project, canManage, canDelete, onChange } = props;
  const { org, slug } = project;
  const api = useApi(juanieApiRef);
  const navigate = useNavigate();
  const organizationLink = useRouteRef(organizationRouteRef);
  const [confirming, setConfirming] = useState<'archive' | 'delete'>();
  const [saved, setSaved] = useState(false);
  const form = useZodForm({
    schema: updateProjectSchema,
    initialValues: { title: project.title, description: project.description },
    onSubmit: request => api.updateProject(org, slug, request),
  });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (await form.submit()) {
      setSaved(true);
      onChange();
    }
  };

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={7}>
        <InfoCard title="Settings">
          <form onSubmit={save} noValidate>
            <TextField
              {...form.field('title')}
              label="Title"
              disabled={!canManage}
              fullWidth
              margin="normal"
            />
            <TextField
              {...form.field('description')}
              label="Description"
              disabled={!canManage}
              multiline
              fullWidth
              margin="normal"
            />
            {form.formError && (
              <Alert severity="error" role="alert">
                {form.formError}
              </Alert>
            )}
            {saved && <Alert severity="success">Saved.</Alert>}
            <Box mt={2}>
              <Button
                type="submit"
                variant="contained"
                color="primary"
                disabled={!canManage || form.submitting}
              >
                Save
              </Button>
            </Box>
          </form>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={5}>
        <InfoCard title="Danger zone">
          <Typography paragraph>
            Archive a project that is no longer deployed; delete one that should
            disappear from every list.
          </Typography>
          <Box display="flex" gridGap={8}>
            {!project.archivedAt && (
              <Button
                variant="outlined"
                disabled={!canDelete}
                onClick={() => setConfirming('archive')}
              >
                Archive project
              </Button>
            )}
            <Button
              variant="outlined"
              color="secondary"
              disabled={!canDelete}
              onClick={() => setConfirming('delete')}
            >
              Delete project
            </Button>
          </Box>
        </InfoCard>
      </Grid>
      {confirming === 'archive' && (
        <ConfirmDialog
          title="Archive project"
          confirmLabel="Archive"
          onConfirm={() => api.updateProject(org, slug, { archived: true })}
          onClose={() => setConfirming(undefined)}
          onDone={onChange}
        >
          Archive {project.title}?
        </ConfirmDialog>
      )}
      {confirming === 'delete' && (
        <ConfirmDialog
          title="Delete project"
          confirmLabel="Delete"
          onConfirm={() => api.deleteProject(org, slug)}
          onClose={() => setConfirming(undefined)}
          onDone={() => navigate(organizationLink({ org }))}
        >
          Delete {project.title} with its environments, members and repository
          connections?
        </ConfirmDialog>
      )}
    </Grid>
  );
}
