/** Installed software of an asset, with the vulnerable / patchable filters. */
import { useState } from 'react';
import { type StaticColumn, StaticTable } from '../../../components/static-table';
import { shortId } from '../../../lib/format';
import type { AssetSoftware } from '../api/types';

const COLUMNS: StaticColumn<AssetSoftware>[] = [
  { header: 'Name', cell: (s) => s.name },
  { header: 'Version', cell: (s) => s.version },
  { header: 'Ecosystem', cell: (s) => s.ecosystem ?? s.type },
  { header: 'Fixed in', cell: (s) => s.fixVersion ?? '—' },
  { header: 'Vulnerabilities', cell: (s) => s.vulnerabilities.length },
  { header: 'Layer', cell: (s) => shortId(s.layerDigest) },
];

export function SoftwareTable({ rows }: { rows: AssetSoftware[] }) {
  const [vulnerable, setVulnerable] = useState(false);
  const [patchable, setPatchable] = useState(false);
  const shown = rows.filter(
    (s) =>
      (!vulnerable || s.vulnerabilities.length > 0) &&
      (!patchable || (s.fixVersion && s.vulnerabilities.length > 0)),
  );
  return (
    <div>
      <fieldset className="filters">
        <legend className="sr-only">Software filters</legend>
        <label>
          <input type="checkbox" checked={vulnerable} onChange={(e) => setVulnerable(e.target.checked)} />{' '}
          Vulnerable only
        </label>
        <label>
          <input type="checkbox" checked={patchable} onChange={(e) => setPatchable(e.target.checked)} />{' '}
          Patchable only
        </label>
      </fieldset>
      <StaticTable
        caption="Installed software"
        columns={COLUMNS}
        rows={shown}
        rowKey={(s) => `${s.name}@${s.version}@${s.path ?? ''}`}
        empty="No software matches."
      />
    </div>
  );
}
