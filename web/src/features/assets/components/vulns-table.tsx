/**
 * Vulnerabilities of an asset: severity, age in days, affected package and fixed version.
 * An empty list means "clean" only when the asset was checked: for an unchecked one the
 * server's reason is shown instead, and nothing is claimed before the asset has loaded.
 */

import { type CheckedAsset, NotChecked, SeverityBadge } from '../../../components/severity-counts';
import { Empty, Loading } from '../../../components/states';
import { ageInDays } from '../../../lib/format';
import type { AssetVulnerability } from '../api/types';

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
  if (rows.length === 0) return asset ? <Empty>No open vulnerabilities.</Empty> : <Loading />;
  return (
    <div className="table-scroll">
      <table>
        <caption className="sr-only">Vulnerabilities</caption>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">ID</th>
            <th scope="col">Title</th>
            <th scope="col">Package</th>
            <th scope="col">Fixed version</th>
            <th scope="col">Age (days)</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((v) => (
            <tr key={v.qid}>
              <td data-label="Severity">
                <SeverityBadge severity={v.severity} />
              </td>
              <td data-label="ID">{[v.id, ...v.cveids.filter((c) => c !== v.id)].join(', ')}</td>
              <td data-label="Title">{v.title}</td>
              <td data-label="Package">{v.software.map((s) => `${s.name} ${s.version}`).join(', ')}</td>
              <td data-label="Fixed version">{v.software.map((s) => s.fixVersion ?? '—').join(', ')}</td>
              <td data-label="Age (days)">{ageInDays(v.firstFound)}</td>
              <td data-label="Status">
                {v.software.some((s) => s.fixVersion) ? 'Confirmed, patchable' : 'Confirmed'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
