/** Events: what sensors saw, newest first. */
import type { Column } from '../../../components/data-table';
import { ListView } from '../../../components/list-view';
import { formatMillis, shortId } from '../../../lib/format';
import { eventsRequest } from '../api/get-events';

interface EventRow {
  uuid: string;
  eventOccurred: number;
  event: string;
  type: string;
  category: string;
  name: string | null;
  containerId: string | null;
  imageId: string | null;
  host: { hostname: string | null } | null;
}

const columns: Column<EventRow>[] = [
  {
    id: 'when',
    header: 'When',
    meta: { sortToken: 'eventOccurred' },
    cell: ({ row }) => formatMillis(row.original.eventOccurred),
  },
  { id: 'event', header: 'Event', meta: { sortToken: 'event' }, cell: ({ row }) => row.original.event },
  { id: 'type', header: 'Type', meta: { sortToken: 'type' }, cell: ({ row }) => row.original.type },
  { id: 'name', header: 'Name', cell: ({ row }) => row.original.name ?? '—' },
  { id: 'container', header: 'Container', cell: ({ row }) => shortId(row.original.containerId) },
  { id: 'image', header: 'Image', cell: ({ row }) => shortId(row.original.imageId) },
  { id: 'host', header: 'Host', cell: ({ row }) => row.original.host?.hostname ?? '—' },
];

export default function EventsList() {
  return (
    <ListView
      title="Events"
      entity="events"
      request={eventsRequest}
      columns={columns}
      rowKey={(r) => r.uuid}
      emptyText="No events yet."
    />
  );
}
