/** Software across the inventory: which assets run package y at version z. */
import { Link } from 'react-router';
import type { Column } from '../../../components/data-table';
import { ListView } from '../../../components/list-view';
import { softwareRequest } from '../api/get-software';

interface Software {
  name: string;
  version: string;
  ecosystem: string | null;
  imagesCount: number;
  containersCount: number;
}

const holding = (kind: 'images' | 'containers', s: Software) =>
  `/assets/${kind}?filter=${encodeURIComponent(`software.name:"${s.name}" and software.version:"${s.version}"`)}`;

const columns: Column<Software>[] = [
  { id: 'name', header: 'Name', meta: { sortToken: 'name' }, cell: ({ row }) => row.original.name },
  {
    id: 'version',
    header: 'Version',
    meta: { sortToken: 'version' },
    cell: ({ row }) => row.original.version,
  },
  { id: 'ecosystem', header: 'Ecosystem', cell: ({ row }) => row.original.ecosystem ?? '—' },
  {
    id: 'images',
    header: 'Images',
    cell: ({ row }) => <Link to={holding('images', row.original)}>{row.original.imagesCount}</Link>,
  },
  {
    id: 'containers',
    header: 'Containers',
    cell: ({ row }) => <Link to={holding('containers', row.original)}>{row.original.containersCount}</Link>,
  },
];

export default function SoftwareList() {
  return (
    <ListView
      title="Software"
      entity="software"
      request={softwareRequest}
      columns={columns}
      rowKey={(r) => `${r.name}@${r.version}@${r.ecosystem ?? ''}`}
      emptyText="No software in the inventory yet."
    />
  );
}
