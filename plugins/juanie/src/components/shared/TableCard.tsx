import { ReactNode } from 'react';
import { Button } from '@material-ui/core';
import {
  EmptyState,
  InfoCard,
  Table,
  TableColumn,
} from '@backstage/core-components';
import type { PagedList } from '../../hooks/usePagedList';
import { PagedListView } from './PagedListView';

/**
 * A card that lists one paged kind of thing in a dense table, with one action button for
 * those allowed to use it. Dialogs the action opens go in `children`.
 */
export function TableCard<T extends object>(props: {
  title: string;
  actionLabel: string;
  canAct: boolean;
  onAction(): void;
  list: PagedList<T>;
  emptyTitle: string;
  columns: TableColumn<T>[];
  children?: ReactNode;
}) {
  return (
    <InfoCard
      title={props.title}
      action={
        props.canAct && (
          <Button variant="contained" color="primary" onClick={props.onAction}>
            {props.actionLabel}
          </Button>
        )
      }
    >
      <PagedListView
        list={props.list}
        empty={<EmptyState missing="data" title={props.emptyTitle} />}
      >
        {items => (
          <Table
            columns={props.columns}
            data={items}
            options={{
              paging: false,
              search: false,
              toolbar: false,
              padding: 'dense',
            }}
          />
        )}
      </PagedListView>
      {props.children}
    </InfoCard>
  );
}
