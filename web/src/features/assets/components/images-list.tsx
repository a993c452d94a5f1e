/** Assets → Images: QQL-searchable, server-paged list with quick links to details. */
import { Link } from 'react-router';
import type { Column } from '../../../components/data-table';
import { ListView } from '../../../components/list-view';
import { SeverityCounts } from '../../../components/severity-counts';
import { formatBytes, formatMillis, shortId } from '../../../lib/format';
import { imagesRequest } from '../api/get-images';
import type { ImageSummary } from '../api/types';

const columns: Column<ImageSummary>[] = [
  {
    id: 'imageId',
    header: 'Image ID',
    meta: { sortToken: 'imageId' },
    cell: ({ row }) => (
      <Link
        to={`/assets/images/${row.original.uuid}`}
        aria-label={`Details of image ${row.original.imageId}`}
      >
        {shortId(row.original.imageId)}
      </Link>
    ),
  },
  {
    id: 'repo',
    header: 'Repository:tag',
    cell: ({ row }) =>
      row.original.repo.map((r) => `${r.registry}/${r.repository}:${r.tag ?? '<none>'}`).join(', ') || '—',
  },
  {
    id: 'vulns',
    header: 'Vulnerabilities',
    cell: ({ row }) => <SeverityCounts value={row.original.vulnerabilities} />,
  },
  { id: 'containers', header: 'Containers', cell: ({ row }) => row.original.associatedContainersCount },
  {
    id: 'size',
    header: 'Size',
    meta: { sortToken: 'size' },
    cell: ({ row }) => formatBytes(row.original.size),
  },
  {
    id: 'created',
    header: 'Created',
    meta: { sortToken: 'created' },
    cell: ({ row }) => formatMillis(row.original.created),
  },
  {
    id: 'lastScanned',
    header: 'Last scanned',
    meta: { sortToken: 'lastScanned' },
    cell: ({ row }) => formatMillis(row.original.lastScanned),
  },
];

export default function ImagesList() {
  return (
    <ListView
      title="Images"
      entity="images"
      request={imagesRequest}
      columns={columns}
      rowKey={(r) => r.uuid}
      emptyText="No images yet. Start a sensor or upload a scan with `bulwark scan image --upload`."
    />
  );
}
