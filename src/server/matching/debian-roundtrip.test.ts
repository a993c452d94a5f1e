/**
 * A real Debian image (mmdebstrap bookworm, its genuine dpkg database) stored as the
 * server stores SBOMs, matched on the server, compared with `scanImage` — the engine of
 * `bulwark scan image` — on the same image and database; then OSV records are imported,
 * changed and withdrawn, and the inventory is re-matched without a rescan.
 */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { OsvRecord } from '../../core/advisory/osv-types.js';
import type { Sbom } from '../../core/sbom/model.js';
import { generateSbom } from '../../core/scan/generate-sbom.js';
import { scanImage } from '../../core/scan/scan-image.js';
import { createCustomer } from '../../db/repositories/accounts-repository.js';
import { writeImage } from '../../db/repositories/inventory-writer.js';
import { TenantScope } from '../../db/tenant.js';
import { type DpkgRow, debianRootfs, dpkgQuery } from '../../test-support/debian-rootfs.js';
import { importOsvRecords } from '../../test-support/imported-store.js';
import { writeDockerArchive } from '../../test-support/make-image.js';
import { tempDir } from '../../test-support/registry-push.js';
import { storeImageSoftware } from '../../test-support/stored-software.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../test-support/test-databases.js';
import { AdvisorySource } from './advisory-source.js';
import { matchAsset } from './match-asset.js';
import { rematchInventory } from './rematch.js';

/** An advisory on a real source package of the image: fixed in `fixed` (a later version is affected). */
function record(id: string, source: string, fixed: string, extra: Partial<OsvRecord> = {}): OsvRecord {
  return {
    id,
    modified: '2026-01-01T00:00:00Z',
    aliases: [`CVE-2026-${id.replace(/\D/g, '').padStart(4, '0')}`],
    summary: `${source} test advisory`,
    affected: [
      {
        package: { ecosystem: 'Debian:12', name: source },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
        ecosystem_specific: { urgency: 'high' },
      },
    ],
    ...extra,
  } as OsvRecord;
}

type Counts = [number, number, number, number, number];

/** What `scan image` reports: distinct vulnerabilities per severity 1–5. */
function scanCounts(findings: { id: string; severity: number }[]): Counts {
  const c: Counts = [0, 0, 0, 0, 0];
  for (const s of [1, 2, 3, 4, 5])
    c[s - 1] = new Set(findings.filter((f) => f.severity === s).map((f) => f.id)).size;
  return c;
}

describe('a real Debian image: server matching equals scan image, and follows the database', () => {
  let dir: string;
  let ref: string;
  let sbom: Sbom;
  let rows: DpkgRow[];
  let records1: OsvRecord[];
  let records2: OsvRecord[];
  before(async () => {
    dir = await tempDir();
    const rootfs = await debianRootfs();
    rows = await dpkgQuery(rootfs.tarPath);
    const archive = join(dir, 'debian.tar');
    await writeDockerArchive(archive, [await readFile(rootfs.tarPath)], { tag: 'debian-roundtrip:1' });
    ref = `docker-archive:${archive}`;
    sbom = await generateSbom(ref, { cacheDir: false });
    // Real source packages and versions, straight from dpkg-query (the truth).
    const bySource = [...new Map(rows.map((r) => [r.source, r])).values()].sort((a, b) =>
      a.source.localeCompare(b.source),
    );
    assert.ok(bySource.length > 20);
    const [s1, s2, s3, s4, s5] = bySource;
    records1 = [
      record('DSA-9001-1', s1!.source, `${s1!.sourceVersion}+fix1`),
      record('DSA-9002-1', s2!.source, `${s2!.sourceVersion}+fix1`),
      record('DSA-9003-1', s3!.source, '0.0.1-1'), // fixed long ago: not affected
    ];
    records2 = [
      // withdrawn now: its finding closes
      record('DSA-9001-1', s1!.source, `${s1!.sourceVersion}+fix1`, {
        modified: '2026-03-01T00:00:00Z',
        withdrawn: '2026-03-01T00:00:00Z',
      }),
      records1[1]!,
      records1[2]!,
      record('DSA-9004-1', s4!.source, `${s4!.sourceVersion}+fix1`),
      record('DSA-9005-1', s5!.source, `${s5!.sourceVersion}+fix1`),
    ];
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const dialect of DIALECTS) {
    describe(dialect, () => {
      let t: TestDatabase;
      let source: AdvisorySource;
      let scope: TenantScope;
      let image: string;
      let osvDir: string;
      const load = (records: OsvRecord[]) => importOsvRecords(source.path, osvDir, records);
      const serverCounts = async (): Promise<Counts> => {
        const r = await t.db
          .selectFrom('images')
          .select([
            'severity1_count',
            'severity2_count',
            'severity3_count',
            'severity4_count',
            'severity5_count',
          ])
          .where('id', '=', image)
          .executeTakeFirstOrThrow();
        return [
          r.severity1_count,
          r.severity2_count,
          r.severity3_count,
          r.severity4_count,
          r.severity5_count,
        ];
      };
      const cliCounts = async () =>
        scanCounts((await scanImage(ref, { dbPath: source.path, sbom: { cacheDir: false } })).findings);

      before(async () => {
        t = await freshDatabase(dialect);
        const d = join(dir, dialect);
        osvDir = join(d, 'osv');
        mkdirSync(join(d, 'vulndb'), { recursive: true });
        source = new AdvisorySource(join(d, 'vulndb', 'vuln.db'));
        scope = new TenantScope(t.db, await createCustomer(t.db, 'acme'));
        image = await writeImage(scope, { sha: sbom.image.imageId.replace('sha256:', '') });
        await storeImageSoftware(t.db, scope.customerId, image, sbom.packages, sbom.os);
      });
      after(async () => {
        source.close();
        await t.dispose();
      });

      it('stored packages are every package dpkg-query lists', async () => {
        const stored = await t.db
          .selectFrom('software')
          .select(['name', 'version'])
          .where('asset_uuid', '=', image)
          .execute();
        assert.deepEqual(
          stored.map((s) => `${s.name} ${s.version}`).sort(),
          rows.map((r) => `${r.package} ${r.version}`).sort(),
        );
      });

      it('counts equal scan image on the same database; new records re-match and change them; withdrawn closes', async () => {
        await load(records1);
        await matchAsset(t.db, scope.customerId, 'IMAGE', image, { advisories: source });
        const first = await cliCounts();
        assert.equal(
          first.reduce((a, b) => a + b, 0),
          2,
        );
        assert.deepEqual(await serverCounts(), first);

        await load(records2);
        const r = await rematchInventory(t.db, source);
        assert.equal(r.checked, true);
        const second = await cliCounts();
        assert.equal(
          second.reduce((a, b) => a + b, 0),
          3,
        );
        assert.deepEqual(await serverCounts(), second);
        const closed = await t.db
          .selectFrom('findings')
          .select('vulnerability_id')
          .where('asset_uuid', '=', image)
          .where('closed_at', 'is not', null)
          .execute();
        assert.deepEqual(
          closed.map((c) => c.vulnerability_id),
          ['CVE-2026-90011'],
        );
      });
    });
  }
});
