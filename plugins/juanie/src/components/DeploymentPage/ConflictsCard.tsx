import { Typography } from '@material-ui/core';
import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import type { DeploymentConflict } from '@juanie/plugin-juanie-common';

/** A manifest value as one line; a field missing on one side reads "(absent)". */
function valueOf(value: unknown): string {
  if (value === undefined) return '(absent)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const columns: TableColumn<DeploymentConflict>[] = [
  {
    title: 'File',
    field: 'file',
    render: c => (c.document ? `${c.file} (${c.document})` : c.file),
  },
  {
    title: 'Path',
    field: 'path',
    render: c => (c.embeddedPath ? `${c.path} → ${c.embeddedPath}` : c.path),
  },
  { title: 'Base', render: c => valueOf(c.base) },
  { title: 'Theirs', render: c => valueOf(c.theirs) },
  { title: 'Yours', render: c => valueOf(c.yours) },
];

/**
 * The fields the branch changed since the deployment was requested, to other
 * values than the deployment wanted: why it failed to commit.
 */
export function ConflictsCard(props: { conflicts: DeploymentConflict[] }) {
  return (
    <InfoCard title="Conflicts">
      <Typography variant="body2" paragraph>
        These fields changed on the branch after the deployment was requested.
        Base is the value the request started from, theirs is the branch now,
        yours is what the deployment wanted. Request a new deployment to build
        on the current branch.
      </Typography>
      <Table
        columns={columns}
        data={props.conflicts}
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
        }}
      />
    </InfoCard>
  );
}
