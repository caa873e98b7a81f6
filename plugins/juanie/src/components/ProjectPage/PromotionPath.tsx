import { useState } from 'react';
import { Box, Button, makeStyles } from '@material-ui/core';
import ArrowForwardIcon from '@material-ui/icons/ArrowForward';
import { EmptyState, InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Environment,
  ENVIRONMENT_KINDS,
  EnvironmentKind,
} from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { useEnvironments, useRepositories } from '../../hooks/projects';
import { DeployDialog } from '../DeployDialog/DeployDialog';
import { byPromotionOrder } from '../shared/byPromotionOrder';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { PagedListView } from '../shared/PagedListView';
import { EnvironmentCard } from './EnvironmentCard';
import { EnvironmentDialog } from './EnvironmentDialog';

const useStyles = makeStyles(theme => ({
  path: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    listStyle: 'none',
    margin: 0,
    padding: 0,
    gap: theme.spacing(1),
  },
  stop: { flex: '1 1 260px', display: 'flex', alignItems: 'center' },
  card: { flex: 1 },
}));

/** What a new environment probably is: the next kind, after the last stop. */
function suggestNext(environments: Environment[]) {
  const last = environments[environments.length - 1];
  const kindIndex = last ? ENVIRONMENT_KINDS.indexOf(last.kind) + 1 : 0;
  const kind: EnvironmentKind =
    ENVIRONMENT_KINDS[Math.min(kindIndex, ENVIRONMENT_KINDS.length - 1)];
  return { kind, order: last ? last.order + 10 : 0 };
}

/** The project's environments drawn as the path a change is promoted along. */
export function PromotionPath(props: {
  org: string;
  project: string;
  canManage: boolean;
  canDeploy: boolean;
}) {
  const { org, project, canManage, canDeploy } = props;
  const classes = useStyles();
  const api = useApi(juanieApiRef);
  const environments = useEnvironments(org, project);
  const repositories = useRepositories(org, project);
  const [editing, setEditing] = useState<Environment | 'new'>();
  const [deleting, setDeleting] = useState<Environment>();
  const [deploying, setDeploying] = useState<Environment>();

  const ordered = [...environments.items].sort(byPromotionOrder);
  const gitOpsRepositories = repositories.items.filter(
    r => r.purpose === 'gitops',
  );

  return (
    <InfoCard
      title="Promotion path"
      action={
        // Offered once the path has loaded: the new environment's kind,
        // order and approval rule are suggested from its last stop.
        canManage &&
        !environments.loading && (
          <Button
            variant="contained"
            color="primary"
            onClick={() => setEditing('new')}
          >
            Add environment
          </Button>
        )
      }
    >
      <PagedListView
        list={environments}
        empty={
          <EmptyState
            missing="data"
            title="No environments yet"
            description="Add development, staging and production to promote changes through them."
          />
        }
      >
        {() => (
          <Box
            component="ol"
            aria-label="Promotion path"
            className={classes.path}
          >
            {ordered.map((env, index) => (
              <li key={env.slug} className={classes.stop}>
                {index > 0 && <ArrowForwardIcon color="action" aria-hidden />}
                <Box className={classes.card}>
                  <EnvironmentCard
                    environment={env}
                    repository={repositories.items.find(
                      r => r.id === env.gitops?.repositoryId,
                    )}
                    canManage={canManage}
                    canDeploy={canDeploy}
                    onEdit={() => setEditing(env)}
                    onDelete={() => setDeleting(env)}
                    onDeploy={() => setDeploying(env)}
                  />
                </Box>
              </li>
            ))}
          </Box>
        )}
      </PagedListView>
      {editing && (
        <EnvironmentDialog
          org={org}
          project={project}
          environment={editing === 'new' ? undefined : editing}
          suggestion={suggestNext(ordered)}
          gitOpsRepositories={gitOpsRepositories}
          onClose={() => setEditing(undefined)}
          onDone={environments.reload}
        />
      )}
      {deploying && (
        <DeployDialog
          org={org}
          project={project}
          environment={deploying}
          onClose={() => setDeploying(undefined)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete environment"
          confirmLabel="Delete"
          onConfirm={() => api.deleteEnvironment(org, project, deleting.slug)}
          onClose={() => setDeleting(undefined)}
          onDone={environments.reload}
        >
          Delete the environment {deleting.title}? Deployments can no longer
          target it.
        </ConfirmDialog>
      )}
    </InfoCard>
  );
}
