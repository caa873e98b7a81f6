import { EmptyState, Table, TableColumn } from '@backstage/core-components';
import type { PagedList } from '../../hooks/usePagedList';
import { PagedListView } from './PagedListView';

/** A paged list in a dense table, with its loading, error, empty and "Load more" states. */
export function PagedTable<T extends object>(props: {
  list: PagedList<T>;
  columns: TableColumn<T>[];
  emptyTitle: string;
  emptyDescription?: string;
}) {
  return (
    <PagedListView
      list={props.list}
      empty={
        <EmptyState
          missing="data"
          title={props.emptyTitle}
          description={props.emptyDescription}
        />
      }
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
  );
}
