import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OsvRecord } from '../advisory/osv-types.js';
import type { Package, Sbom } from '../sbom/model.js';
import { MatchEngine } from './match-engine.js';
import { matchWithEngine } from './match-sbom.js';
import { MemoryAdvisoryLookup } from './memory-lookup.js';

// DESIGN.md target: re-matching an inventory at >= 50,000 packages per second per core
// against a database of 200,000 records. Inventories are mostly packages without
// advisories; here 1 package in 50 has some (4 records each).
const recordCount = 200_000;
const packageCount = 50_000;

function records(): OsvRecord[] {
  const out: OsvRecord[] = [];
  for (let i = 0; i < recordCount; i++) {
    const deb = i % 2 === 0;
    out.push({
      id: `TEST-${i}`,
      modified: '2024-01-01T00:00:00Z',
      aliases: [`CVE-2099-${i}`],
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      affected: [
        {
          package: { ecosystem: deb ? 'Debian:12' : 'npm', name: `pkg-${i % 50_000}` },
          ranges: [
            {
              type: 'ECOSYSTEM',
              events: [{ introduced: '0' }, { fixed: deb ? `1.${i % 7}-1` : `1.${i % 7}.0` }],
            },
          ],
        },
      ],
    });
  }
  return out;
}

function sbom(): Sbom {
  const packages: Package[] = [];
  for (let i = 0; i < packageCount; i++) {
    const name = i % 50 === 0 ? `pkg-${i % 50_000}` : `other-${i}`;
    packages.push(
      i % 2 === 0
        ? {
            type: 'deb',
            name: `bin-${i}`,
            version: '1.3-1',
            source: { name, version: '1.3-1' },
            location: { path: 'x' },
          }
        : { type: 'npm', name, version: '1.3.0', location: { path: 'x' } },
    );
  }
  return {
    bomFormat: 'bulwark-sbom',
    schemaVersion: 1,
    image: { ref: 'perf', kind: 'sbom', imageId: 'sha256:0', repoTags: [], repoDigests: [] },
    os: { family: 'debian', version: '12', name: 'Debian GNU/Linux 12 (bookworm)' },
    layers: [],
    packages,
    unknowns: [],
  };
}

describe('matching throughput', () => {
  it('re-matches >= 50,000 packages per second against 200,000 records', () => {
    const engine = new MatchEngine(new MemoryAdvisoryLookup(records()));
    const input = sbom();
    let best = 0;
    let findings = 0;
    for (let round = 0; round < 3; round++) {
      const start = performance.now();
      findings = matchWithEngine(input, engine).length;
      best = Math.max(best, packageCount / ((performance.now() - start) / 1000));
    }
    assert.ok(findings > 0, 'the benchmark must produce findings');
    assert.ok(best >= 50_000, `only ${Math.round(best)} packages/s`);
  });
});
