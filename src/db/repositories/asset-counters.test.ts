/**
 * The per-severity counters on images and containers (severityN_count, max_severity: what
 * QQL's `vulnerabilities.severity` and the list responses read) equal a recount of the open
 * findings after every kind of write: first ingest, a re-ingest that drops packages, a
 * re-match that opens, re-grades and closes findings, and deletion.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { ComputedFinding, PackageFindings } from '../../server/matching/package-findings.js';
import { type SoftwareRow as MatchRow, syncFindings } from '../../server/matching/sync-findings.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../test-support/test-databases.js';
import { TenantScope } from '../tenant.js';
import { createCustomer } from './accounts-repository.js';
import { replaceAssetSoftware, type SoftwareRow } from './asset-software-repository.js';
import { markImageMatched } from './ci-results-repository.js';
import { deleteAssets } from './deletion-jobs-repository.js';
import { type SoftwareInput, upsertVulnerabilities, writeContainer, writeImage } from './inventory-writer.js';

const VULNS = [1, 2, 3, 4, 5, 5, 4].map((severity, i) => ({
  id: `CVE-2026-${1000 + i}`,
  qid: 1000 + i,
  cve: `CVE-2026-${1000 + i}`,
  title: `flaw ${i}`,
  severity,
}));

/** Packages with findings; CVE-2026-1004 sits on two packages (counted once per asset). */
function packages(extra: number): SoftwareInput[] {
  const v = (i: number) => ({ id: VULNS[i]!.id, severity: VULNS[i]!.severity });
  return [
    { name: 'openssl', version: '3.0.11', vulnerabilities: [v(4), v(3)] },
    { name: 'zlib', version: '1.2.13', vulnerabilities: [v(0), v(4)] },
    { name: 'curl', version: '7.88.1', vulnerabilities: [v(1), v(2), v((extra % 2) + 5)] },
    { name: 'clean', version: '1.0' },
  ];
}

async function mismatches(t: TestDatabase): Promise<string[]> {
  const out: string[] = [];
  for (const table of ['images', 'containers'] as const) {
    const rows = await t.db.selectFrom(table).selectAll().execute();
    for (const row of rows) {
      const recount = await t.db
        .selectFrom('findings')
        .select(['severity', sql<number>`count(distinct vulnerability_id)`.as('n')])
        .where('asset_uuid', '=', row.id)
        .where('closed_at', 'is', null)
        .groupBy('severity')
        .execute();
      const n = (s: number) => Number(recount.find((r) => r.severity === s)?.n ?? 0);
      const want = [1, 2, 3, 4, 5].map(n);
      const max = want.reduce((m, c, i) => (c > 0 ? i + 1 : m), 0);
      const have = [
        row.severity1_count,
        row.severity2_count,
        row.severity3_count,
        row.severity4_count,
        row.severity5_count,
      ].map(Number);
      if (have.join() !== want.join() || Number(row.max_severity) !== max)
        out.push(`${table} ${row.id}: have ${have}/${row.max_severity}, recount ${want}/${max}`);
    }
  }
  return out;
}

for (const dialect of DIALECTS) {
  describe(`asset severity counters equal a recount (${dialect})`, () => {
    let t: TestDatabase;
    let scope: TenantScope;
    const images: string[] = [];
    const containers: string[] = [];

    before(async () => {
      t = await freshDatabase(dialect);
      scope = new TenantScope(t.db, await createCustomer(t.db, 'acme'));
      await upsertVulnerabilities(t.db, VULNS);
    });
    after(async () => t.dispose());

    it('after ingest', async () => {
      for (let i = 0; i < 4; i++) {
        const image = await writeImage(scope, { sha: String(i).repeat(64), software: packages(i) });
        images.push(image);
        containers.push(
          await writeContainer(scope, {
            sha: String(i + 4).repeat(64),
            name: `c${i}`,
            imageUuid: image,
            imageSha: String(i).repeat(64),
            hostId: null,
            sensorUuid: null,
            state: 'RUNNING',
            software: packages(i + 1),
          }),
        );
      }
      assert.deepEqual(await mismatches(t), []);
      const first = await t.db
        .selectFrom('images')
        .selectAll()
        .where('id', '=', images[0]!)
        .executeTakeFirstOrThrow();
      assert.equal(first.severity5_count, 2, 'CVE-2026-1004 on two packages counts once');
    });

    it('after a re-ingest that drops packages (their findings close)', async () => {
      const kept = await t.db
        .selectFrom('software')
        .selectAll()
        .where('asset_uuid', '=', images[0]!)
        .where('name', 'in', ['curl', 'clean'])
        .execute();
      const rows: SoftwareRow[] = kept.map(
        ({ id: _id, customer_id: _c, asset_type: _t, asset_uuid: _u, ...r }) => r,
      );
      const change = await replaceAssetSoftware(scope, 'IMAGE', images[0]!, rows, Date.now());
      assert.equal(change.deleted, 2);
      assert.deepEqual(await mismatches(t), []);
    });

    it('after a re-match that opens, re-grades and closes findings (findings given, not matched)', async () => {
      const rows = (await t.db
        .selectFrom('software')
        .selectAll()
        .where('asset_uuid', 'in', [images[1]!, containers[2]!])
        .execute()) as unknown as MatchRow[];
      const finding = (i: number, severity: number): ComputedFinding => ({
        vulnerabilityId: VULNS[i]!.id,
        severity,
        fixedVersion: null,
        patchable: 0,
        confirmed: 1,
        evidenceJson: '{}',
        vulnerability: { ...VULNS[i]!, aliases: [], cvssScore: null, cvssVector: null, published: null },
      });
      // Every package now has exactly CVE-2026-1000, re-graded to 5: the rest close.
      const computed = {
        of: () => [finding(0, 5)],
        storedVulnerabilities: new Set<string>(),
      } as unknown as PackageFindings;
      const result = await syncFindings(t.db, rows, computed, Date.now(), { touch: false });
      assert.ok(result.closed > 0 && result.assets === 2, JSON.stringify(result));
      assert.deepEqual(await mismatches(t), []);
      const image = await t.db
        .selectFrom('images')
        .selectAll()
        .where('id', '=', images[1]!)
        .executeTakeFirstOrThrow();
      assert.deepEqual([image.severity1_count, image.severity5_count, image.max_severity], [0, 1, 5]);
    });

    it('after deletion', async () => {
      await t.db
        .updateTable('images')
        .set({ last_scanned: Date.now() })
        .where('id', '=', images[3]!)
        .execute();
      await markImageMatched(scope, images[3]!, true);
      const mark = t.db
        .selectFrom('image_match_marks')
        .select('image_uuid')
        .where('image_uuid', '=', images[3]!);
      assert.equal((await mark.execute()).length, 1, 'the mark exists before the deletion');
      await t.db.transaction().execute(async (trx) => {
        const tx = new TenantScope(trx, scope.customerId);
        await deleteAssets(tx, 'container', [containers[0]!]);
        await deleteAssets(tx, 'image', [images[3]!]);
      });
      assert.deepEqual(await mismatches(t), []);
      const orphans = await t.db
        .selectFrom('findings')
        .select('id')
        .where('asset_uuid', 'in', [containers[0]!, images[3]!])
        .execute();
      assert.deepEqual(orphans, []);
      // The image's CI mark goes with it (nothing else would ever remove it).
      assert.deepEqual(await mark.execute(), []);
    });
  });
}
