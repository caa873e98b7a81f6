import { useState } from 'react';
import { IconButton } from '@material-ui/core';
import DeleteIcon from '@material-ui/icons/Delete';
import SyncIcon from '@material-ui/icons/Sync';
import { TableColumn } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type { Repository } from '@juanie/plugin-juanie-common';
import { describeError } from '../../api/describeError';
import { juanieApiRef } from '../../api/JuanieApi';
import { useRepositories } from '../../hooks/projects';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { TableCard } from '../shared/TableCard';
import { ConnectRepositoryDialog } from './ConnectRepositoryDialog';
import { RepositoryStatusView } from './RepositoryStatusView';

/** The project's application and GitOps repositories, their sync status. */
export function RepositoriesCard(props: {
  org: string;
  project: string;
  canManage: boolean;
}) {
  const { org, project, canManage } = props;
  const api = useApi(juanieApiRef);
  const alertApi = useApi(alertApiRef);
  const repositories = useRepositories(org, project);
  const [connecting, setConnecting] = useState(false);
  const [disconnecting, setDisconnecting] = useState<Repository>();
  const [syncing, setSyncing] = useState<string>();

  const sync = async (repository: Repository) => {
    setSyncing(repository.id);
    try {
      await api.syncRepository(org, project, repository.id);
      repositories.reload();
    } catch (error) {
      alertApi.post({ message: describeError(error), severity: 'error' });
    } finally {
      setSyncing(undefined);
    }
  };

  const columns: TableColumn<Repository>[] = [
    { title: 'URL', field: 'url' },
    { title: 'Purpose', field: 'purpose' },
    { title: 'Provider', field: 'provider' },
    { title: 'Branch', field: 'defaultBranch', emptyValue: '—' },
    {
      title: 'Head',
      field: 'headCommit',
      render: r => (r.headCommit ? r.headCommit.slice(0, 8) : '—'),
    },
    {
      title: 'Status',
      field: 'status',
      render: r => <RepositoryStatusView repository={r} />,
    },
    {
      title: 'Synced',
      field: 'syncedAt',
      render: r =>
        r.syncedAt ? new Date(r.syncedAt).toLocaleString() : 'never',
    },
  ];
  if (canManage) {
    columns.push({
      title: '',
      align: 'right',
      render: r => (
        <>
          <IconButton
            aria-label={`Sync ${r.url}`}
            disabled={syncing === r.id}
            onClick={() => sync(r)}
          >
            <SyncIcon />
          </IconButton>
          <IconButton
            aria-label={`Disconnect ${r.url}`}
            onClick={() => setDisconnecting(r)}
          >
            <DeleteIcon />
          </IconButton>
        </>
      ),
    });
  }

  return (
    <TableCard
      title="Repositories"
      actionLabel="Connect repository"
      canAct={canManage}
      onAction={() => setConnecting(true)}
      list={repositories}
      emptyTitle="No repositories connected"
      emptyDescription="Connect the application's source and the GitOps repository its environments deploy from."
      columns={columns}
    >
      {connecting && (
        <ConnectRepositoryDialog
          org={org}
          project={project}
          onClose={() => setConnecting(false)}
          onDone={repositories.reload}
        />
      )}
      {disconnecting && (
        <ConfirmDialog
          title="Disconnect repository"
          confirmLabel="Disconnect"
          onConfirm={() =>
            api.disconnectRepository(org, project, disconnecting.id)
          }
          onClose={() => setDisconnecting(undefined)}
          onDone={repositories.reload}
        >
          Disconnect {disconnecting.url}? The repository itself is not changed.
        </ConfirmDialog>
      )}
    </TableCard>
  );
}
