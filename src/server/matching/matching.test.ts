import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importAdvisories } from '../../core/advisory/import.js';
import type { OsvRecord } from '../../core/advisory/osv-types.js';
import type { Package } from '../../core/sbom/model.js';
import { createCustomer } from '../../db/repositories/accounts-repository.js';
import { writeImage } from '../../db/repositories/inventory-writer.js';
import { TenantScope } from '../../db/tenant.js';
import { qqlWhere } from '../../qql/index.js';
import { importOsvRecords } from '../../test-support/imported-store.js';
import { tempDir } from '../../test-support/registry-push.js';
import { storeImageSoftware } from '../../test-support/stored-software.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../test-support/test-databases.js';
import { AdvisorySource } from './advisory-source.js';
import { matchAsset } from './match-asset.js';
import { rematchInventory } from './rematch.js';

const bookworm = {
  family: 'debian' as const,
  version: '12',
  name: 'Debian GNU/Linux 12 (bookworm)',
  codename: 'bookworm',
};

function debRecord(id: string, source: string, fixed: string, extra: Partial<OsvRecord> = {}): OsvRecord {
  return {
    id,
    modified: '2026-01-01T00:00:00Z',
    aliases: [],
    summary: `${source} flaw`,
    affected: [
      {
        package: { ecosystem: 'Debian:12', name: source },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
      },
    ],
    ...extra,
  } as OsvRecord;
}

const pkgs: Package[] = [
  {
    type: 'deb',
    name: 'libssl3',
    version: '3.0.11-1~deb12u2',
    source: { name: 'openssl' },
    location: { path: 'var/lib/dpkg/status' },
  },
  {
    type: 'deb',
    name: 'zlib1g',
    version: '1:1.2.13.dfsg-1',
    source: { name: 'zlib', version: '1:1.2.13.dfsg-1' },
    location: { path: 'var/lib/dpkg/status' },
  },
  {
    type: 'npm',
    name: 'lodash',
    version: '4.17.20',
    confidence: 'low',
    location: { path: 'app/lodash-4.17.20.js' },
  },
  { type: 'npm', name: 'left-pad', version: 'not a version', location: { path: 'app/package-lock.json' } },
];

for (const dialect of DIALECTS) {
  describe(`server matching (${dialect})`, () => {
    let t: TestDatabase;
    let dir: string;
    let osvDir: string;
    let source: AdvisorySource;
    let scope: TenantScope;
    let image: string;
    let clock = Date.UTC(2026, 1, 1);
    const ctx = () => ({ advisories: source, now: () => clock });
    const writeOsv = (records: OsvRecord[]) => importOsvRecords(source.path, osvDir, records);
    const openFindings = () =>
      t.db
        .selectFrom('findings')
        .select([
          'vulnerability_id',
          'confirmed',
          'patchable',
          'fixed_version',
          'first_found',
          'closed_at',
          'evidence_json',
        ])
        .where('asset_uuid', '=', image)
        .where('closed_at', 'is', null)
        .orderBy('vulnerability_id')
        .execute();
    const counts = () =>
      t.db
        .selectFrom('images')
        .select([
          'severity1_count',
          'severity2_count',
          'severity3_count',
          'severity4_count',
          'severity5_count',
          'max_severity',
        ])
        .where('id', '=', image)
        .executeTakeFirstOrThrow();

    before(async () => {
      t = await freshDatabase(dialect);
      dir = await tempDir();
      osvDir = join(dir, 'osv');
      source = new AdvisorySource(join(dir, 'vulndb', 'vuln.db'));
      mkdirSync(join(dir, 'vulndb'));
      scope = new TenantScope(t.db, await createCustomer(t.db, 'acme'));
      image = await writeImage(scope, { sha: 'a'.repeat(64) });
      await storeImageSoftware(t.db, scope.customerId, image, pkgs, bookworm);
    });
    after(async () => {
      source.close();
      await t.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('without a vulnerability database nothing is checked, and says so', async () => {
      const r = await matchAsset(t.db, scope.customerId, 'IMAGE', image, ctx());
      assert.equal(r.checked, false);
      assert.deepEqual(await openFindings(), []);
    });

    it('matches stored packages with the scan matcher: confirmed, potential, patchable, evidence, counts', async () => {
      await writeOsv([
        debRecord('DSA-1-1', 'openssl', '3.0.13-1~deb12u1', { aliases: ['CVE-2026-0001'] }),
        debRecord('DSA-2-1', 'zlib', '1:1.2.13.dfsg-0'), // fixed before the installed version
        {
          id: 'GHSA-aaaa-bbbb-cccc',
          modified: '2026-01-01T00:00:00Z',
          summary: 'lodash prototype pollution',
          affected: [
            {
              package: { ecosystem: 'npm', name: 'lodash' },
              ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }],
            },
          ],
        } as OsvRecord,
        {
          id: 'GHSA-left-pad-0000',
          modified: '2026-01-01T00:00:00Z',
          affected: [
            {
              package: { ecosystem: 'npm', name: 'left-pad' },
              ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.0' }] }],
            },
          ],
        } as OsvRecord,
      ]);
      const r = await matchAsset(t.db, scope.customerId, 'IMAGE', image, ctx());
      assert.equal(r.checked, true);
      assert.equal(r.opened, 3);
      const open = await openFindings();
      assert.deepEqual(
        open.map((f) => [f.vulnerability_id, Number(f.confirmed), Number(f.patchable), f.fixed_version]),
        [
          ['CVE-2026-0001', 1, 1, '3.0.13-1~deb12u1'],
          ['GHSA-aaaa-bbbb-cccc', 0, 1, '4.17.21'], // heuristic identification: potential
          ['GHSA-left-pad-0000', 0, 0, null], // unparsable version: potential, never clean
        ],
      );
      const evidence = JSON.parse(open[0]!.evidence_json!) as { advisoryId: string; via: string }[];
      assert.deepEqual(
        evidence.map((e) => [e.advisoryId, e.via]),
        [['DSA-1-1', 'source']],
      );
      const c = await counts();
      assert.equal(
        c.severity1_count + c.severity2_count + c.severity3_count + c.severity4_count + c.severity5_count,
        3,
      );
      for (const [filter, expected] of [
        ['vulnerabilities.confirmed:true', [image]],
        ['vulnerabilities.confirmed:false', [image]],
        ['not vulnerabilities.confirmed:false', []],
      ] as const) {
        const where = qqlWhere('images', filter, { dialect, customerId: scope.customerId });
        const ids = await t.db
          .selectFrom('images')
          .select('id')
          .where('customer_id', '=', scope.customerId)
          .where(where)
          .execute();
        assert.deepEqual(
          ids.map((r) => r.id),
          expected,
          filter,
        );
      }
    });

    it('matching again keeps first-found, moves last-found, writes nothing new', async () => {
      const first = (await openFindings())[0]!.first_found;
      clock += 60_000;
      const r = await matchAsset(t.db, scope.customerId, 'IMAGE', image, ctx());
      assert.deepEqual([r.opened, r.updated, r.closed], [0, 0, 0]);
      assert.equal((await openFindings())[0]!.first_found, first);
    });

    it('a database change re-matches only what it touches; a withdrawn record closes its finding', async () => {
      const first = await rematchInventory(t.db, source, { now: () => clock });
      assert.equal(first.changedAdvisories, 4); // first pass: every record is new to the marks
      assert.deepEqual([first.opened, first.closed], [0, 0]);
      clock += 86_400_000;
      await writeOsv([
        debRecord('DSA-1-1', 'openssl', '3.0.13-1~deb12u1', {
          aliases: ['CVE-2026-0001'],
          modified: '2026-02-01T00:00:00Z',
          withdrawn: '2026-02-01T00:00:00Z',
        }),
        debRecord('DSA-2-1', 'zlib', '1:1.2.13.dfsg-0'),
        debRecord('DSA-3-1', 'zlib', '1:1.2.13.dfsg-2', { aliases: ['CVE-2026-0003'] }),
        {
          id: 'GHSA-aaaa-bbbb-cccc',
          modified: '2026-01-01T00:00:00Z',
          summary: 'lodash prototype pollution',
          affected: [
            {
              package: { ecosystem: 'npm', name: 'lodash' },
              ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }],
            },
          ],
        } as OsvRecord,
      ]);
      const r = await rematchInventory(t.db, source, { now: () => clock });
      // DSA-1 changed, DSA-3 new, left-pad's record removed; lodash's and DSA-2 untouched.
      assert.equal(r.changedAdvisories, 3);
      assert.equal(r.evaluatedPackages, 3);
      assert.deepEqual([r.opened, r.updated, r.closed], [1, 0, 2]);
      assert.deepEqual(
        (await openFindings()).map((f) => f.vulnerability_id),
        ['CVE-2026-0003', 'GHSA-aaaa-bbbb-cccc'],
      );
      const closed = await t.db
        .selectFrom('findings')
        .select('vulnerability_id')
        .where('asset_uuid', '=', image)
        .where('closed_at', '>=', clock - 7 * 86_400_000)
        .orderBy('vulnerability_id')
        .execute();
      assert.deepEqual(
        closed.map((f) => f.vulnerability_id),
        ['CVE-2026-0001', 'GHSA-left-pad-0000'],
      );
      const c = await counts();
      assert.equal(
        c.severity1_count + c.severity2_count + c.severity3_count + c.severity4_count + c.severity5_count,
        2,
      );
      const again = await rematchInventory(t.db, source, { now: () => clock });
      assert.equal(again.changedAdvisories, 0);
      // A replica whose database copy is older than the one last matched must not undo it.
      const lagging = new AdvisorySource(join(dir, 'lagging.db'));
      await importAdvisories(lagging.path, [osvDir]);
      await t.db
        .updateTable('advisory_marks')
        .set({ modified: '2999-01-01T00:00:00.000Z' })
        .where('id', '=', '~bulwark:db')
        .execute();
      const stale = await rematchInventory(t.db, lagging, { now: () => clock });
      lagging.close();
      assert.deepEqual([stale.checked, stale.stale, stale.opened, stale.closed], [false, true, 0, 0]);
    });
  });
}
