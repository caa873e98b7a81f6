import { EmptyState, Table, TableColumn } from '@backstage/core-components';
import type { AuditEvent } from '@juanie/plugin-juanie-common';
import type { PagedList } from '../../hooks/usePagedList';
import { PagedListView } from '../shared/PagedListView';
import { AuditEventDetail } from './AuditEventDetail';
import { AuditOutcomeView } from './AuditOutcomeView';

const columns: TableColumn<AuditEvent>[] = [
  {
    title: 'When',
    field: 'occurredAt',
    render: e => new Date(e.occurredAt).toLocaleString(),
  },
  { title: 'Actor', field: 'actorRef' },
  { title: 'Action', field: 'action' },
  {
    title: 'Resource',
    field: 'resourceType',
    render: e =>
      e.resourceId ? `${e.resourceType} ${e.resourceId}` : e.resourceType,
  },
  {
    title: 'Scope',
    field: 'org',
    render: e => [e.org, e.project].filter(Boolean).join(' / ') || '—',
  },
  {
    title: 'Outcome',
    field: 'outcome',
    render: e => <AuditOutcomeView outcome={e.outcome} />,
  },
  { title: 'Message', field: 'message' },
];

/**
 * The loaded part of the audit trail. Only pages the user asked for are in the
 * DOM; "Load more" fetches the next page by cursor.
 */
export function AuditTable(props: { events: PagedList<AuditEvent> }) {
  const { events } = props;
  return (
    <PagedListView
      list={events}
      empty={
        <EmptyState
          missing="data"
          title="No audit events"
          description="Nothing matches these filters."
        />
      }
    >
      {items => (
        <Table
          title={`${items.length}${events.hasMore ? '+' : ''} events`}
          columns={columns}
          data={items}
          detailPanel={({ rowData }) => <AuditEventDetail event={rowData} />}
          options={{ paging: false, search: false, padding: 'dense' }}
        />
      )}
    </PagedListView>
  );
}
