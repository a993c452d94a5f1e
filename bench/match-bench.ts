import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdvisoryStore } from '../src/core/advisory/store.js';
import { MatchEngine } from '../src/core/matcher/match-engine.js';
import { matchWithEngine } from '../src/core/matcher/match-sbom.js';
import type { Package, PackageType, Sbom } from '../src/core/sbom/model.js';
import { scanImage } from '../src/core/scan/scan-image.js';
import { syntheticLookups, writeSyntheticDatabase } from '../src/test-support/advisory-testdata-gen.js';
import { importDebianImage } from '../src/test-support/debian-rootfs.js';
import { dockerSaveTo } from '../src/test-support/registry-push.js';
import type { BenchRow } from './support.js';

/**
 * Issue 3's targets: matching throughput against 200,000 synthetic but realistically
 * shaped OSV records (on the real SQLite store), the store's size and open time, and
 * `scan image` on the real Debian image.
 */
export async function matchBench(): Promise<BenchRow[]> {
  const work = await mkdtemp(join(tmpdir(), 'bulwark-match-bench-'));
  try {
    const dbPath = join(work, 'vuln.db');
    const records = 200_000;
    const buildStart = performance.now();
    writeSyntheticDatabase(dbPath, records, 1);
    const buildMs = performance.now() - buildStart;
    const sizeMiB = (await stat(dbPath)).size / 1024 / 1024;
    const openTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      AdvisoryStore.open(dbPath).close();
      openTimes.push(performance.now() - start);
    }
    openTimes.sort((a, b) => a - b);

    const rows: BenchRow[] = [
      {
        name: 'vulnerability db size',
        value: sizeMiB,
        unit: 'MiB',
        note: `${records} records, built in ${(buildMs / 1000).toFixed(1)} s`,
      },
      { name: 'vulnerability db open (median of 5)', value: openTimes[2] as number, unit: 'ms', note: '' },
    ];
    for (const hitRatio of [0.05, 0.5]) {
      const sbom = inventory(50_000, hitRatio);
      const store = AdvisoryStore.open(dbPath);
      try {
        const engine = new MatchEngine(store);
        let best = 0;
        let findings = 0;
        for (let round = 0; round < 3; round++) {
          const start = performance.now();
          findings = matchWithEngine(sbom, engine).length;
          best = Math.max(best, sbom.packages.length / ((performance.now() - start) / 1000));
        }
        rows.push({
          name: `match: packages/s, ${hitRatio * 100}% with advisories`,
          value: best / 50_000,
          unit: 'x',
          note: `${Math.round(best)} packages/s on one core (target >= 50,000 = 1.0x), ${findings} findings`,
        });
      } finally {
        store.close();
      }
    }

    const archive = join(work, 'debian.tar');
    await importDebianImage('bulwark-test/debian:bookworm');
    await dockerSaveTo('bulwark-test/debian:bookworm', archive);
    const start = performance.now();
    const result = await scanImage(`docker-archive:${archive}`, { dbPath, sbom: { cacheDir: false } });
    rows.push({
      name: 'scan image, Debian bookworm (cold)',
      value: performance.now() - start,
      unit: 'ms',
      note: `${result.sbom.packages.length} packages, ${result.findings.length} findings against the synthetic db`,
    });
    return rows;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const typeByEcosystem: Record<string, PackageType> = {
  'Debian:12': 'deb',
  npm: 'npm',
  PyPI: 'pypi',
  Go: 'golang',
  Maven: 'maven',
  'crates.io': 'cargo',
  RubyGems: 'gem',
  Packagist: 'composer',
  NuGet: 'nuget',
};

/** A Debian 12 image's worth of packages, of which `hitRatio` have advisories. */
function inventory(count: number, hitRatio: number): Sbom {
  const packages: Package[] = [];
  for (const { ecosystem, name } of syntheticLookups(count * 8, 7, hitRatio)) {
    const type = typeByEcosystem[ecosystem];
    if (!type || packages.length >= count) continue;
    const location = { path: 'bench' };
    if (type === 'deb') {
      packages.push({
        type,
        name: `${name}-bin`,
        version: '1.2.3-1',
        source: { name, version: '1.2.3-1' },
        location,
      });
    } else if (type === 'maven') {
      const [group, artifact] = name.split(':');
      packages.push({ type, namespace: group, name: artifact ?? name, version: '1.2.3', location });
    } else {
      packages.push({ type, name, version: type === 'golang' ? 'v1.2.3' : '1.2.3', location });
    }
  }
  return {
    bomFormat: 'bulwark-sbom',
    schemaVersion: 1,
    image: { ref: 'bench', kind: 'sbom', imageId: 'sha256:0', repoTags: [], repoDigests: [] },
    os: { family: 'debian', version: '12', name: 'Debian GNU/Linux 12 (bookworm)' },
    layers: [],
    packages,
    unknowns: [],
  };
}
