/** Vulnerabilities across the inventory: which images and containers have CVE-x. */
import { Link } from 'react-router';
import type { Column } from '../../../components/data-table';
import { ListView } from '../../../components/list-view';
import { SeverityBadge } from '../../../components/severity-counts';
import { UncheckedNotice } from '../../../components/unchecked-notice';
import { ageInDays } from '../../../lib/format';
import { vulnerabilitiesRequest } from '../api/get-vulnerabilities';

interface Vulnerability {
  qid: number;
  id: string;
  cve: string | null;
  title: string;
  severity: number;
  cvssScore: number | null;
  imagesCount: number;
  containersCount: number;
  firstFound: string | null;
}

const assetsWith = (kind: 'images' | 'containers', v: Vulnerability) =>
  `/assets/${kind}?filter=${encodeURIComponent(`vulnerabilities.qid:${v.qid}`)}`;

const columns: Column<Vulnerability>[] = [
  {
    id: 'severity',
    header: 'Severity',
    meta: { sortToken: 'severity' },
    cell: ({ row }) => <SeverityBadge severity={row.original.severity} />,
  },
  { id: 'id', header: 'ID', meta: { sortToken: 'id' }, cell: ({ row }) => row.original.id },
  { id: 'cve', header: 'CVE', cell: ({ row }) => row.original.cve ?? '—' },
  { id: 'title', header: 'Title', cell: ({ row }) => row.original.title },
  {
    id: 'cvss',
    header: 'CVSS',
    meta: { sortToken: 'cvssScore' },
    cell: ({ row }) => row.original.cvssScore ?? '—',
  },
  {
    id: 'images',
    header: 'Images',
    cell: ({ row }) => <Link to={assetsWith('images', row.original)}>{row.original.imagesCount}</Link>,
  },
  {
    id: 'containers',
    header: 'Containers',
    cell: ({ row }) => (
      <Link to={assetsWith('containers', row.original)}>{row.original.containersCount}</Link>
    ),
  },
  { id: 'age', header: 'Age (days)', cell: ({ row }) => ageInDays(row.original.firstFound) },
];

export default function VulnerabilitiesList() {
  return (
    <ListView
      title="Vulnerabilities"
      entity="vulnerabilities"
      request={vulnerabilitiesRequest}
      columns={columns}
      rowKey={(r) => String(r.qid)}
      emptyText="No vulnerabilities found in the checked inventory."
      notice={<UncheckedNotice />}
    />
  );
}
