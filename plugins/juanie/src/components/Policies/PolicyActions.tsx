import { IconButton, Tooltip } from '@material-ui/core';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import HistoryIcon from '@material-ui/icons/History';
import type { Policy } from '@juanie/plugin-juanie-common';
import { useCanManagePolicy } from '../../hooks/permissions';

/**
 * What the user may do with one policy: everyone who sees it may see what it
 * refused; those who manage its scope may edit or delete it, unless the list
 * shows it read-only (a project's inherited policies).
 */
export function PolicyActions(props: {
  policy: Policy;
  readOnly?: boolean;
  onShowDecisions(policy: Policy): void;
  onEdit(policy: Policy): void;
  onDelete(policy: Policy): void;
}) {
  const { policy, readOnly } = props;
  const canManage = useCanManagePolicy(policy.scope) && !readOnly;
  return (
    <>
      <Tooltip title="Recent deployments">
        <IconButton
          aria-label={`Recent deployments of ${policy.title}`}
          onClick={() => props.onShowDecisions(policy)}
        >
          <HistoryIcon />
        </IconButton>
      </Tooltip>
      {canManage && (
        <>
          <IconButton
            aria-label={`Edit ${policy.title}`}
            onClick={() => props.onEdit(policy)}
          >
            <EditIcon />
          </IconButton>
          <IconButton
            aria-label={`Delete ${policy.title}`}
            onClick={() => props.onDelete(policy)}
          >
            <DeleteIcon />
          </IconButton>
        </>
      )}
    </>
  );
}
