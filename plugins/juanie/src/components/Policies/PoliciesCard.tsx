import { useState } from 'react';
import { Box, Chip, Typography } from '@material-ui/core';
import { StatusError, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  Environment,
  Policy,
  PolicyScope,
} from '@juanie/plugin-juanie-common';
import { juanieApiRef } from '../../api/JuanieApi';
import { usePolicyRuleTypes } from '../../hooks/policies';
import type { PagedList } from '../../hooks/usePagedList';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { TableCard } from '../shared/TableCard';
import { describeParams, describeScope } from './describePolicy';
import { PolicyActions } from './PolicyActions';
import { PolicyDecisionsDialog } from './PolicyDecisionsDialog';
import { PolicyDialog } from './PolicyDialog';

/**
 * A card listing policies with their rule, scope and enforcement; those who may
 * add policies to `scope` get a button for it. `inheritedFrom` marks the list
 * as what a project inherits: shown read-only, each row labelled so.
 */
export function PoliciesCard(props: {
  title: string;
  scope: PolicyScope;
  list: PagedList<Policy>;
  canCreate: boolean;
  inheritedFrom?: string;
  /** Shows only this project's deployments in each policy's recent deployments. */
  decisionsOf?: string;
  environments?: Environment[];
  emptyTitle: string;
  emptyDescription?: string;
}) {
  const { list, inheritedFrom } = props;
  const api = useApi(juanieApiRef);
  const ruleTypes = usePolicyRuleTypes().value;
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Policy>();
  const [deleting, setDeleting] = useState<Policy>();
  const [showing, setShowing] = useState<Policy>();
  const ruleTitle = (type: string) =>
    ruleTypes?.find(t => t.type === type)?.title ?? type;

  const columns: TableColumn<Policy>[] = [
    {
      title: 'Policy',
      render: p => (
        <>
          <Typography variant="body2">
            <strong>{p.title}</strong>
          </Typography>
          <Typography variant="caption" color="textSecondary">
            {p.description}
          </Typography>
        </>
      ),
    },
    {
      title: 'Rule',
      render: p => (
        <>
          <Typography variant="body2">{ruleTitle(p.type)}</Typography>
          <Typography variant="caption" color="textSecondary">
            {describeParams(p)}
          </Typography>
          {p.problem && <StatusError>{p.problem}</StatusError>}
        </>
      ),
    },
    {
      title: 'Applies to',
      render: p => (
        <>
          {describeScope(p.scope)}
          {inheritedFrom && (
            <Box component="span" ml={1}>
              <Chip size="small" label={`inherited from ${inheritedFrom}`} />
            </Box>
          )}
        </>
      ),
    },
    {
      title: 'Enforcement',
      render: p =>
        p.enforcement === 'enforce' ? (
          <Chip size="small" color="secondary" label="enforced" />
        ) : (
          <Chip size="small" variant="outlined" label="warning" />
        ),
    },
    { title: 'State', render: p => (p.enabled ? 'enabled' : 'disabled') },
    {
      title: '',
      align: 'right',
      render: p => (
        <PolicyActions
          policy={p}
          readOnly={Boolean(inheritedFrom)}
          onShowDecisions={setShowing}
          onEdit={setEditing}
          onDelete={setDeleting}
        />
      ),
    },
  ];

  return (
    <TableCard
      title={props.title}
      actionLabel="Add policy"
      canAct={props.canCreate}
      onAction={() => setCreating(true)}
      list={list}
      emptyTitle={props.emptyTitle}
      emptyDescription={props.emptyDescription}
      columns={columns}
    >
      {(creating || editing) && (
        <PolicyDialog
          scope={editing?.scope ?? props.scope}
          policy={editing}
          ruleTypes={ruleTypes}
          environments={props.environments}
          onClose={() => {
            setCreating(false);
            setEditing(undefined);
          }}
          onDone={list.reload}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete policy"
          confirmLabel="Delete"
          onConfirm={() => api.deletePolicy(deleting.id)}
          onClose={() => setDeleting(undefined)}
          onDone={list.reload}
        >
          Delete the policy {deleting.title} on {describeScope(deleting.scope)}?
          Deployments are no longer checked against it; what it refused stays in
          the audit trail.
        </ConfirmDialog>
      )}
      {showing && (
        <PolicyDecisionsDialog
          policy={showing}
          project={props.decisionsOf}
          onClose={() => setShowing(undefined)}
        />
      )}
    </TableCard>
  );
}
