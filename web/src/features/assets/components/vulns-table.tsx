/**
 * Vulnerabilities of an asset: severity, age in days, affected package and fixed version.
 * An empty list means "clean" only when the asset was checked: for an unchecked one the
 * server's reason is shown instead, and nothing is claimed before the asset has loaded.
 */

import { type CheckedAsset, NotChecked, SeverityBadge } from '../../../components/severity-counts';
import { Loading } from '../../../components/states';
import { type StaticColumn, StaticTable } from '../../../components/static-table';
import { ageInDays } from '../../../lib/format';
import type { AssetVulnerability } from '../api/types';

const COLUMNS: StaticColumn<AssetVulnerability>[] = [
  { header: 'Severity', cell: (v) => <SeverityBadge severity={v.severity} /> },
  { header: 'ID', cell: (v) => [v.id, ...v.cveids.filter((c) => c !== v.id)].join(', ') },
  { header: 'Title', cell: (v) => v.title },
  { header: 'Package', cell: (v) => v.software.map((s) => `${s.name} ${s.version}`).join(', ') },
  { header: 'Fixed version', cell: (v) => v.software.map((s) => s.fixVersion ?? '—').join(', ') },
  { header: 'Age (days)', cell: (v) => ageInDays(v.firstFound) },
  {
    header: 'Status',
    cell: (v) => (v.software.some((s) => s.fixVersion) ? 'Confirmed, patchable' : 'Confirmed'),
  },
];

export function VulnsTable({
  rows,
  asset,
}: {
  rows: AssetVulnerability[];
  /** The image or container the rows belong to; undefined while it loads. */
  asset: CheckedAsset | undefined;
}) {
  if (asset && (asset.vulnerabilities === null || asset.scanError))
    return (
      <div className="state state-empty" role="status">
        <NotChecked scanError={asset.scanError} />
      </div>
    );
  if (rows.length === 0 && !asset) return <Loading />;
  return (
    <StaticTable
      caption="Vulnerabilities"
      columns={COLUMNS}
      rows={rows}
      rowKey={(v) => String(v.qid)}
      empty="No open vulnerabilities."
    />
  );
}
