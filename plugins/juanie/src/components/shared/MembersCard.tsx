import { useState } from 'react';
import { IconButton } from '@material-ui/core';
import DeleteIcon from '@material-ui/icons/Delete';
import { TableColumn } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type { z } from 'zod';
import { describeError } from '../../api/describeError';
import type { PagedList } from '../../hooks/usePagedList';
import { AddMemberDialog } from './AddMemberDialog';
import { ConfirmDialog } from './ConfirmDialog';
import { TableCard } from './TableCard';
import { RoleSelect } from './RoleSelect';

interface Member<R extends string> {
  userRef: string;
  role: R;
  createdAt: string;
}

/**
 * Users with a role on an organisation, team or project. Managers change roles
 * in place, add and remove members; everyone else reads.
 */
export function MembersCard<R extends string>(props: {
  title: string;
  roles: readonly R[];
  list: PagedList<Member<R>>;
  canManage: boolean;
  addSchema: z.ZodType<{ userRef: string; role: R }>;
  onAdd(request: { userRef: string; role: R }): Promise<unknown>;
  onChangeRole(userRef: string, role: R): Promise<unknown>;
  onRemove(userRef: string): Promise<unknown>;
}) {
  const { title, roles, list, canManage, addSchema } = props;
  const alertApi = useApi(alertApiRef);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<string>();

  const changeRole = async (userRef: string, role: R) => {
    try {
      await props.onChangeRole(userRef, role);
      list.reload();
    } catch (error) {
      alertApi.post({ message: describeError(error), severity: 'error' });
    }
  };

  const columns: TableColumn<Member<R>>[] = [
    { title: 'User', field: 'userRef' },
    {
      title: 'Role',
      field: 'role',
      render: m =>
        canManage ? (
          <RoleSelect
            roles={roles}
            value={m.role}
            label={`Role of ${m.userRef}`}
            onChange={role => changeRole(m.userRef, role)}
          />
        ) : (
          m.role
        ),
    },
    {
      title: 'Since',
      field: 'createdAt',
      render: m => new Date(m.createdAt).toLocaleDateString(),
    },
  ];
  if (canManage) {
    columns.push({
      title: '',
      align: 'right',
      render: m => (
        <IconButton
          aria-label={`Remove ${m.userRef}`}
          onClick={() => setRemoving(m.userRef)}
        >
          <DeleteIcon />
        </IconButton>
      ),
    });
  }

  return (
    <TableCard
      title={title}
      actionLabel="Add member"
      canAct={Boolean(canManage)}
      onAction={() => setAdding(true)}
      list={list}
      emptyTitle="No members yet"
      columns={columns}
    >
      {adding && (
        <AddMemberDialog
          title="Add member"
          roles={roles}
          schema={addSchema}
          onAdd={props.onAdd}
          onClose={() => setAdding(false)}
          onDone={list.reload}
        />
      )}
      {removing && (
        <ConfirmDialog
          title="Remove member"
          confirmLabel="Remove"
          onConfirm={() => props.onRemove(removing)}
          onClose={() => setRemoving(undefined)}
          onDone={list.reload}
        >
          Remove {removing}? They lose the access this role gives them.
        </ConfirmDialog>
      )}
    </TableCard>
  );
}
