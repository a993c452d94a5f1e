/** Assets → Images: QQL-searchable, server-paged list with quick links to details. */
import { Link } from 'react-router';
import type { Column } from '../../../components/data-table';
import { ListView } from '../../../components/list-view';
import { SeverityCounts } from '../../../components/severity-counts';
import { formatBytes, formatMillis, shortId } from '../../../lib/format';
import { useDeleteImages } from '../api/delete-images';
import { imagesRequest } from '../api/get-images';
import type { ImageSummary } from '../api/types';

/** The reference's rule, shown before asking: images with active containers stay. */
function DeleteImage({ image }: { image: ImageSummary }) {
  const del = useDeleteImages();
  const refused = del.data?.skipped.find((s) => s.uuid === image.uuid);
  return (
    <>
      <button
        type="button"
        className="danger"
        disabled={del.isPending}
        aria-label={`Delete image ${image.imageId}`}
        title="Images with active containers cannot be deleted"
        onClick={() => {
          if (
            window.confirm(
              `Delete image ${image.imageId.slice(0, 12)}? Images with active containers are kept.`,
            )
          )
            del.mutate([image.uuid]);
        }}
      >
        {del.isPending ? 'Deleting…' : 'Delete'}
      </button>
      {(refused || del.error) && (
        <span role="alert" className="cell-note">
          Not deleted: {refused?.reason ?? del.error?.message.split(': ').pop()}
        </span>
      )}
    </>
  );
}

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
    cell: ({ row }) => <SeverityCounts asset={row.original} />,
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
  { id: 'actions', header: 'Actions', cell: ({ row }) => <DeleteImage image={row.original} /> },
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
