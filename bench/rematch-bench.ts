/**
 * Re-matching the stored inventory after a vulnerability-database update: the 100,000-image
 * synthetic inventory of the QQL bench (SQLite), one OSV advisory per distinct package name,
 * a first full match, then an update that changes 1% of the advisories, then one that
 * changes 0.1%. Target: the 1% re-match under 60 s and proportional to what changed (the
 * 0.1% run about a tenth of the 1% one). `REMATCH_BENCH_SCALE=0.05` for a quick run.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { importAdvisories } from '../src/core/advisory/import.js';
import type { OsvRecord } from '../src/core/advisory/osv-types.js';
import { SQLITE_FILE } from '../src/db/dialects.js';
import { AdvisorySource } from '../src/server/matching/advisory-source.js';
import { rematchInventory } from '../src/server/matching/rematch.js';
import { type InventorySize, inventoryRows } from '../src/test-support/qql-inventory.js';
import { tempDir } from '../src/test-support/registry-push.js';
import { freshDatabase } from '../src/test-support/test-databases.js';
import { BulkLoader, withIndexesRebuiltAfter } from './qql-bulk-load.js';
import type { BenchRow } from './support.js';

const purlTypes: Record<string, string> = {
  npm: 'npm',
  PyPI: 'pypi',
  Maven: 'maven',
  Go: 'golang',
  RubyGems: 'gem',
  'crates.io': 'cargo',
  Packagist: 'composer',
  NuGet: 'nuget',
};

function advisory(i: number, ecosystem: string, name: string, fixed: string, modified: string): OsvRecord {
  return {
    id: `BENCH-${i}`,
    modified,
    aliases: [`CVE-2026-${100000 + i}`],
    affected: [
      {
        package: { ecosystem, name },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
      },
    ],
  } as OsvRecord;
}

export async function rematchBench(): Promise<BenchRow[]> {
  const scale = Number(process.env.REMATCH_BENCH_SCALE ?? '1');
  const size: InventorySize = {
    customers: ['cust-a'],
    imagesPerCustomer: Math.round(100_000 * scale),
    containersPerImage: 3,
    packagesPerImage: 40,
    findingsPerImage: 0,
    vulnerabilities: 500,
    hostsPerCustomer: Math.max(20, Math.round(2_000 * scale)),
  };
  const lite = await freshDatabase('sqlite');
  const dir = await tempDir();
  try {
    if (!('dataDir' in lite.target)) throw new Error('unexpected database');
    const native = new Sqlite(join(lite.target.dataDir, SQLITE_FILE));
    native.pragma('journal_mode = WAL');
    const loader = new BulkLoader(native, null);
    await withIndexesRebuiltAfter(native, null, async () => {
      for (const row of inventoryRows(7, size)) await loader.add(row);
      await loader.flush();
    });
    // What ingest would have stored: the match facts of each package (Debian 12 or its ecosystem).
    native.exec(`update software set match_json = case
      when kind = 'os' then '{"t":"deb","os":["debian","12"]}'
      ${Object.entries(purlTypes)
        .map(([e, t]) => `when ecosystem = '${e}' then '{"t":"${t}"}'`)
        .join(' ')}
      end`);
    // As `bulwark server` does on opening its database (and hourly): planner statistics.
    native.pragma('optimize = 0x10002');
    const names = native
      .prepare<[], { name: string; ecosystem: string }>('select distinct name, ecosystem from software')
      .all();
    const packageRows = native.prepare('select count(*) from software').pluck().get() as number;
    native.close();

    const osv = join(dir, 'osv');
    /** Every advisory; those in `changed` get a new fixed version and a newer `modified`. */
    const write = (changed: Map<number, [fixed: string, modified: string]>) => {
      rmSync(osv, { recursive: true, force: true });
      mkdirSync(osv);
      names.forEach((n, i) => {
        const [fixed, modified] = changed.get(i) ?? ['3.0.0', '2026-01-01T00:00:00Z'];
        const r = advisory(i, n.ecosystem, n.name, fixed, modified);
        writeFileSync(join(osv, `BENCH-${i}.json`), JSON.stringify(r));
      });
    };
    const source = new AdvisorySource(join(dir, 'vuln.db'));
    write(new Map());
    await importAdvisories(source.path, [osv]);
    let t0 = performance.now();
    const full = await rematchInventory(lite.db, source);
    const fullSeconds = (performance.now() - t0) / 1000;
    const changes = new Map<number, [string, string]>();
    for (let i = 0; i < names.length; i += 100) changes.set(i, ['2.5.0', '2026-02-01T00:00:00Z']);
    write(changes);
    await importAdvisories(source.path, [osv]);
    t0 = performance.now();
    const partial = await rematchInventory(lite.db, source);
    const partialSeconds = (performance.now() - t0) / 1000;
    // A tenth of that (0.1%) changes again: the time should shrink with what changed, not stay
    // with the inventory.
    // (Always later `modified`: an import keeps the newer of two versions of a record.)
    for (let i = 0; i < names.length; i += 1000) changes.set(i, ['2.0.0', '2026-03-01T00:00:00Z']);
    write(changes);
    await importAdvisories(source.path, [osv]);
    t0 = performance.now();
    const small = await rematchInventory(lite.db, source);
    const smallSeconds = (performance.now() - t0) / 1000;
    source.close();
    return [
      {
        name: 'server re-match, every advisory new (SQLite)',
        value: fullSeconds,
        unit: 's',
        note: `${size.imagesPerCustomer.toLocaleString('en')} images, ${packageRows.toLocaleString('en')} package rows, ${full.distinctPackages.toLocaleString('en')} distinct, ${full.evaluatedPackages.toLocaleString('en')} evaluated, ${full.opened.toLocaleString('en')} opened / ${full.closed.toLocaleString('en')} closed`,
      },
      {
        name: 'server re-match after a 1% db update (SQLite)',
        value: partialSeconds,
        unit: 's',
        note: `${partial.changedAdvisories} advisories changed, ${partial.evaluatedPackages.toLocaleString('en')} packages evaluated, ${partial.closed.toLocaleString('en')} findings closed; ${(partialSeconds / 60).toFixed(3)}x of the 60 s target, ${(partialSeconds / fullSeconds).toFixed(3)}x of the full pass`,
      },
      {
        name: 'server re-match after a 0.1% db update (SQLite)',
        value: smallSeconds,
        unit: 's',
        note: `${small.changedAdvisories} advisories changed, ${small.evaluatedPackages.toLocaleString('en')} packages evaluated, ${small.closed.toLocaleString('en')} findings closed; ${(smallSeconds / partialSeconds).toFixed(3)}x of the 1% re-match (proportional: ~0.1x)`,
      },
    ];
  } finally {
    await lite.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
