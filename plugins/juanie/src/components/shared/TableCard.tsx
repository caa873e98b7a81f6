import { ReactNode } from 'react';
import { Button } from '@material-ui/core';
import { InfoCard, TableColumn } from '@backstage/core-components';
import type { PagedList } from '../../hooks/usePagedList';
import { PagedTable } from './PagedTable';

/**
 * A card that lists one paged kind of thing in a dense table, with one action button for
 * those allowed to use it (none when `actionLabel` is left out). Dialogs the action opens go
 * in `children`.
 */
export function TableCard<T extends object>(props: {
  title: string;
  actionLabel?: string;
  canAct?: boolean;
  onAction?(): void;
  list: PagedList<T>;
  emptyTitle: string;
  emptyDescription?: string;
  columns: TableColumn<T>[];
  children?: ReactNode;
}) {
  const showAction = props.actionLabel !== undefined && props.canAct;
  return (
    <InfoCard
      title={props.title}
      action={
        showAction && (
          <Button variant="contained" color="primary" onClick={props.onAction}>
            {props.actionLabel}
          </Button>
        )
      }
    >
      <PagedTable
        list={props.list}
        columns={props.columns}
        emptyTitle={props.emptyTitle}
        emptyDescription={props.emptyDescription}
      />
      {props.children}
    </InfoCard>
  );
}
