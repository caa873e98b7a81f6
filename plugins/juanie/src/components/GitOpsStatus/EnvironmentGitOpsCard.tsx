import {
  Card,
  CardActions,
  CardContent,
  CardHeader,
  Chip,
} from '@material-ui/core';
import type { EnvironmentGitOpsStatus } from '@juanie/plugin-juanie-common';
import { Fact } from '../shared/Fact';
import { FluxObjectView } from './FluxObjectView';
import { GitOpsActions } from './GitOpsActions';

/** One environment as Flux reconciles it: its workload, its source, and what can be done. */
export function EnvironmentGitOpsCard(props: {
  org: string;
  project: string;
  status: EnvironmentGitOpsStatus;
  /** Names of the clusters the portal only simulates. */
  simulatedClusters: ReadonlySet<string>;
  onChange(): void;
}) {
  const { org, project, status, simulatedClusters, onChange } = props;
  // An environment without a cluster of its own runs on the default one, which its objects name.
  const cluster =
    status.cluster ?? status.workload?.cluster ?? status.source?.cluster;
  return (
    <Card variant="outlined" data-testid={`gitops-${status.environment}`}>
      <CardHeader
        title={status.environment}
        titleTypographyProps={{ variant: 'h6', component: 'h3' }}
        subheader={`${status.branch}: ${status.path}`}
        action={
          cluster &&
          simulatedClusters.has(cluster) && (
            <Chip size="small" label="simulated" />
          )
        }
      />
      <CardContent>
        <Fact label="Cluster">{cluster ?? 'default cluster'}</Fact>
        <FluxObjectView label="Workload" object={status.workload} />
        <FluxObjectView label="Source" object={status.source} />
      </CardContent>
      {status.canOperate && (
        <CardActions>
          <GitOpsActions
            org={org}
            project={project}
            status={status}
            onChange={onChange}
          />
        </CardActions>
      )}
    </Card>
  );
}
