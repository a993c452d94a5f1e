/** Installed software of an asset, with the vulnerable / patchable filters. */
import { useState } from 'react';
import { Empty } from '../../../components/states';
import { shortId } from '../../../lib/format';
import type { AssetSoftware } from '../api/types';

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
      {shown.length === 0 ? (
        <Empty>No software matches.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="sr-only">Installed software</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Version</th>
                <th scope="col">Ecosystem</th>
                <th scope="col">Fixed in</th>
                <th scope="col">Vulnerabilities</th>
                <th scope="col">Layer</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => (
                <tr key={`${s.name}@${s.version}@${s.path ?? ''}`}>
                  <td data-label="Name">{s.name}</td>
                  <td data-label="Version">{s.version}</td>
                  <td data-label="Ecosystem">{s.ecosystem ?? s.type}</td>
                  <td data-label="Fixed in">{s.fixVersion ?? '—'}</td>
                  <td data-label="Vulnerabilities">{s.vulnerabilities.length}</td>
                  <td data-label="Layer">{shortId(s.layerDigest)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
