import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { InfoCard, StatusError, StatusOK } from '@backstage/core-components';
import type { DeploymentDetail } from '@juanie/plugin-juanie-common';
import { describeApprovalRule } from '../ProjectPage/approvalSummary';
import { VoteForm } from './VoteForm';

/** The gate, the votes cast so far with their comments, and the caller's vote. */
export function ApprovalsCard(props: {
  deployment: DeploymentDetail;
  onVoted(): void;
}) {
  const { deployment, onVoted } = props;
  const { approvalRule, approvals } = deployment;
  // A commit pushed straight to the branch never went through Juanie's gate.
  const gate =
    deployment.method === 'git'
      ? 'none: the commit was pushed straight to the branch'
      : `${deployment.approvalsReceived} of ${
          approvalRule.requiredApprovals
        } · ${describeApprovalRule(approvalRule)}`;

  return (
    <InfoCard title="Approvals" subheader={gate}>
      {approvals.length === 0 && (
        <Typography color="textSecondary">No votes yet.</Typography>
      )}
      {approvals.length > 0 && (
        <List dense aria-label="Votes">
          {approvals.map(approval => (
            <ListItem key={approval.approverRef} disableGutters>
              <ListItemText
                primary={
                  <>
                    {approval.decision === 'approve' ? (
                      <StatusOK>approved</StatusOK>
                    ) : (
                      <StatusError>rejected</StatusError>
                    )}{' '}
                    by {approval.approverRef},{' '}
                    {new Date(approval.createdAt).toLocaleString()}
                  </>
                }
                secondary={approval.comment || undefined}
              />
            </ListItem>
          ))}
        </List>
      )}
      {deployment.allowedActions.vote && (
        <VoteForm deploymentId={deployment.id} onVoted={onVoted} />
      )}
    </InfoCard>
  );
}
