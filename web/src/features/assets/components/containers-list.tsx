/** Assets → Containers: QQL-searchable, server-paged list. */
import { Link } from 'react-router';
import type { Column } from '../../../components/data-table';
import { ListView } from '../../../components/list-view';
import { SeverityCounts } from '../../../components/severity-counts';
import { formatMillis, shortId } from '../../../lib/format';
import { containersRequest } from '../api/get-containers';
import type { ContainerSummary } from '../api/types';

const columns: Column<ContainerSummary>[] = [
  {
    id: 'name',
    header: 'Name',
    meta: { sortToken: 'name' },
    cell: ({ row }) => (
      <Link
        to={`/assets/containers/${row.original.uuid}`}
        aria-label={`Details of container ${row.original.name}`}
      >
        {row.original.name}
      </Link>
    ),
  },
  {
    id: 'containerId',
    header: 'Container ID',
    meta: { sortToken: 'containerId' },
    cell: ({ row }) => shortId(row.original.containerId),
  },
  { id: 'state', header: 'State', meta: { sortToken: 'state' }, cell: ({ row }) => row.original.state },
  { id: 'image', header: 'Image', cell: ({ row }) => shortId(row.original.imageId) },
  { id: 'host', header: 'Host', cell: ({ row }) => row.original.host?.hostname ?? '—' },
  {
    id: 'vulns',
    header: 'Vulnerabilities',
    cell: ({ row }) => <SeverityCounts asset={row.original} />,
  },
  {
    id: 'stateChanged',
    header: 'State changed',
    meta: { sortToken: 'stateChanged' },
    cell: ({ row }) => formatMillis(row.original.stateChanged),
  },
];

export default function ContainersList() {
  return (
    <ListView
      title="Containers"
      entity="containers"
      request={containersRequest}
      columns={columns}
      rowKey={(r) => r.uuid}
      emptyText="No containers yet. Sensors report them as they start."
    />
  );
}
