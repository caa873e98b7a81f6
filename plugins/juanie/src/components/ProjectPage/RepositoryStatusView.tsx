import { Tooltip } from '@material-ui/core';
import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import type { Repository } from '@juanie/plugin-juanie-common';

const statusViews = {
  synced: StatusOK,
  error: StatusError,
  pending: StatusPending,
};

/** A repository's sync status, with the reason and message behind it. */
export function RepositoryStatusView(props: { repository: Repository }) {
  const { status, statusReason, statusMessage, statusChangedAt } =
    props.repository;
  const detail = [statusReason, statusMessage].filter(Boolean).join(': ');
  const since = new Date(statusChangedAt).toLocaleString();
  const label = detail ? `${status} (${detail})` : status;
  const Status = statusViews[status] ?? StatusPending;
  return (
    <Tooltip title={`Since ${since}`}>
      <span>
        <Status>{label}</Status>
      </span>
    </Tooltip>
  );
}
