import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@material-ui/core';
import {
  Link,
  StatusError,
  StatusWarning,
  TableColumn,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { Policy, PolicyDecision } from '@juanie/plugin-juanie-common';
import { usePolicyDecisions } from '../../hooks/policies';
import { deploymentRouteRef } from '../../routes';
import { PagedTable } from '../shared/PagedTable';

function DecisionOutcome({ decision }: { decision: PolicyDecision }) {
  return decision.outcome === 'refused' ? (
    <StatusError>refused</StatusError>
  ) : (
    <StatusWarning>warned</StatusWarning>
  );
}

/**
 * The newest deployment requests and rollbacks a policy refused or warned
 * about, with what it found; `project` narrows them to one project.
 */
export function PolicyDecisionsDialog(props: {
  policy: Policy;
  project?: string;
  onClose(): void;
}) {
  const { policy, project, onClose } = props;
  const decisions = usePolicyDecisions(policy.id, project);
  const deploymentLink = useRouteRef(deploymentRouteRef);
  const titleId = 'juanie-policy-decisions-title';

  const columns: TableColumn<PolicyDecision>[] = [
    {
      title: 'When',
      render: d => new Date(d.occurredAt).toLocaleString(),
    },
    { title: 'Outcome', render: d => <DecisionOutcome decision={d} /> },
    {
      title: 'Where',
      render: d => [d.project, d.environment].filter(Boolean).join(' / '),
    },
    { title: 'Requested by', field: 'actorRef' },
    {
      title: 'What it found',
      render: d => (
        <>
          {d.violations.map((v, i) => (
            <Typography key={i} variant="body2">
              {v.file ? `${v.file}: ` : ''}
              {v.message}
            </Typography>
          ))}
        </>
      ),
    },
    {
      title: 'Deployment',
      render: d =>
        d.deploymentId && d.project ? (
          <Link
            to={deploymentLink({
              org: d.org,
              project: d.project,
              id: d.deploymentId,
            })}
          >
            {d.action === 'deployment.rollback' ? 'rollback' : 'deployment'}{' '}
            {d.deploymentId.slice(0, 8)}
          </Link>
        ) : (
          'none (refused)'
        ),
    },
  ];

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="lg"
    >
      <DialogTitle id={titleId}>
        Recent deployments of {policy.title}
      </DialogTitle>
      <DialogContent>
        <PagedTable
          list={decisions}
          columns={columns}
          emptyTitle="Nothing refused or warned about yet"
          emptyDescription="Deployment requests and rollbacks this policy finds fault with show up here."
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
