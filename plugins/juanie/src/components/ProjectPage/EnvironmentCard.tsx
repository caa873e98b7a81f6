import {
  Button,
  Card,
  CardActions,
  CardContent,
  CardHeader,
  Chip,
  IconButton,
  Typography,
} from '@material-ui/core';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import type { Environment, Repository } from '@juanie/plugin-juanie-common';
import { describeApprovalRule } from './approvalSummary';

function Fact(props: { label: string; children: string }) {
  return (
    <Typography variant="body2">
      <strong>{props.label}:</strong> {props.children}
    </Typography>
  );
}

/** One stop on the promotion path: where it runs, its gate, its GitOps target. */
export function EnvironmentCard(props: {
  environment: Environment;
  /** The repository of the GitOps target, when the project still has it. */
  repository?: Repository;
  canManage: boolean;
  /** Whether the user may request deployments to the project. */
  canDeploy: boolean;
  onEdit(): void;
  onDelete(): void;
  onDeploy(): void;
}) {
  const { environment: env, repository, canManage } = props;
  // Juanie deploys by committing to the GitOps target; without one there is nowhere to commit.
  const canDeploy = props.canDeploy && env.gitops !== null;
  const where = [env.cluster, env.namespace].every(v => !v)
    ? 'not set'
    : `${env.cluster ?? 'default cluster'} / ${
        env.namespace ?? 'default namespace'
      }`;
  const target = env.gitops
    ? `${repository?.url ?? env.gitops.repositoryId} @ ${env.gitops.branch}: ${
        env.gitops.path
      }`
    : 'not connected';

  return (
    <Card variant="outlined" data-testid={`environment-${env.slug}`}>
      <CardHeader
        title={env.title}
        titleTypographyProps={{ variant: 'h6', component: 'h3' }}
        subheader={env.slug}
        action={<Chip size="small" label={env.kind} />}
      />
      <CardContent>
        <Fact label="Cluster / namespace">{where}</Fact>
        <Fact label="Approval">{describeApprovalRule(env.approval)}</Fact>
        <Fact label="GitOps">{target}</Fact>
      </CardContent>
      {(canManage || canDeploy) && (
        <CardActions>
          {canDeploy && (
            <Button color="primary" variant="outlined" onClick={props.onDeploy}>
              Deploy
            </Button>
          )}
          {canManage && (
            <>
              <IconButton
                aria-label={`Edit ${env.slug}`}
                onClick={props.onEdit}
              >
                <EditIcon />
              </IconButton>
              <IconButton
                aria-label={`Delete ${env.slug}`}
                onClick={props.onDelete}
              >
                <DeleteIcon />
              </IconButton>
            </>
          )}
        </CardActions>
      )}
    </Card>
  );
}
