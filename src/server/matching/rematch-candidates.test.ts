/**
 * Which stored rows a re-match reads. A first match (every advisory new) reads the whole
 * inventory in upload order; a small update reads only the rows whose folded name or
 * source name a changed advisory names, through the indexes of migrations 0013 and 0014.
 * Both must give exactly what matching each asset in full gives.
 */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { OsvRecord } from '../../core/advisory/osv-types.js';
import type { Package } from '../../core/sbom/model.js';
import { createCustomer } from '../../db/repositories/accounts-repository.js';
import { writeImage } from '../../db/repositories/inventory-writer.js';
import { TenantScope } from '../../db/tenant.js';
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
  name: 'Debian GNU/Linux 12',
  codename: 'bookworm',
};
const FILLERS = 40;

const filler = (i: number): Package => ({
  type: 'npm',
  name: `filler-${i}`,
  version: '1.0.0',
  location: { path: `app/node_modules/filler-${i}/package.json` },
});
const fillers = Array.from({ length: FILLERS }, (_, i) => filler(i));
const libssl: Package = {
  type: 'deb',
  name: 'libssl3',
  version: '3.0.11-1~deb12u2',
  source: { name: 'openssl' },
  location: { path: 'var/lib/dpkg/status' },
};
const openssl: Package = {
  type: 'deb',
  name: 'openssl',
  version: '3.0.11-1~deb12u2',
  location: { path: 'var/lib/dpkg/status' },
};
// Stored as the wheel spells it; PyPI advisories name it normalised.
const fooBar: Package = {
  type: 'pypi',
  name: 'Foo_Bar',
  version: '1.0',
  location: { path: 'usr/lib/python3/dist-packages/Foo_Bar-1.0.dist-info/METADATA' },
};

const fillerRecord = (i: number): OsvRecord =>
  ({
    id: `GHSA-fill-${i}`,
    modified: '2026-01-01T00:00:00Z',
    affected: [
      {
        package: { ecosystem: 'npm', name: `filler-${i}` },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }],
      },
    ],
  }) as OsvRecord;
const opensslRecord = {
  id: 'DSA-9100-1',
  modified: '2026-02-01T00:00:00Z',
  aliases: ['CVE-2026-9100'],
  affected: [
    {
      package: { ecosystem: 'Debian:12', name: 'openssl' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.13-1~deb12u1' }] }],
    },
  ],
} as OsvRecord;
const fooBarRecord = {
  id: 'PYSEC-2026-1',
  modified: '2026-02-01T00:00:00Z',
  affected: [
    {
      package: { ecosystem: 'PyPI', name: 'foo-bar' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0' }] }],
    },
  ],
} as OsvRecord;

for (const dialect of DIALECTS) {
  describe(`re-match candidate rows (${dialect})`, () => {
    let t: TestDatabase;
    let dir: string;
    let source: AdvisorySource;
    const assets: { scope: TenantScope; image: string }[] = [];
    const load = (records: OsvRecord[]) => importOsvRecords(source.path, join(dir, 'osv'), records);
    const openFindings = async () =>
      (
        await t.db
          .selectFrom('findings')
          .innerJoin('software', 'software.id', 'findings.software_id')
          .select([
            'findings.customer_id',
            'findings.asset_uuid',
            'software.name',
            'findings.vulnerability_id',
          ])
          .where('findings.closed_at', 'is', null)
          .execute()
      )
        .map((f) => `${f.customer_id} ${f.asset_uuid} ${f.name} ${f.vulnerability_id}`)
        .sort();

    before(async () => {
      t = await freshDatabase(dialect);
      dir = await tempDir();
      mkdirSync(join(dir, 'vulndb'));
      source = new AdvisorySource(join(dir, 'vulndb', 'vuln.db'));
      const acme = new TenantScope(t.db, await createCustomer(t.db, 'acme'));
      const globex = new TenantScope(t.db, await createCustomer(t.db, 'globex'));
      const stock: [TenantScope, Package[]][] = [
        [acme, [...fillers, libssl, fooBar]],
        [acme, [...fillers, openssl]],
        [globex, [...fillers.slice(0, 10), libssl]],
      ];
      for (const [i, [scope, packages]] of stock.entries()) {
        const image = await writeImage(scope, { sha: String(i).repeat(64) });
        await storeImageSoftware(t.db, scope.customerId, image, packages, bookworm);
        assets.push({ scope, image });
      }
    });
    after(async () => {
      source.close();
      await t.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('a first match reads every row: each filler of each image is found', async () => {
      await load(fillers.map((_, i) => fillerRecord(i)));
      const r = await rematchInventory(t.db, source);
      assert.equal(r.opened, FILLERS * 2 + 10);
      assert.equal(r.assets, 3);
    });

    it('a small update reads only the rows it names: by source name (libssl3 ← openssl) and by folded name (Foo_Bar ← foo-bar)', async () => {
      await load([...fillers.map((_, i) => fillerRecord(i)), opensslRecord, fooBarRecord]);
      const before = await openFindings();
      const r = await rematchInventory(t.db, source);
      assert.equal(r.changedAdvisories, 2);
      // libssl3, openssl and Foo_Bar: not the 40 fillers every image also holds.
      assert.equal(r.distinctPackages, 3);
      assert.equal(r.opened, 4);
      const [a, b, g] = assets as [(typeof assets)[0], (typeof assets)[0], (typeof assets)[0]];
      const added = (await openFindings()).filter((f) => !before.includes(f));
      assert.deepEqual(
        added,
        [
          `${a.scope.customerId} ${a.image} libssl3 CVE-2026-9100`,
          `${a.scope.customerId} ${a.image} Foo_Bar PYSEC-2026-1`,
          `${b.scope.customerId} ${b.image} openssl CVE-2026-9100`,
          `${g.scope.customerId} ${g.image} libssl3 CVE-2026-9100`,
        ].sort(),
      );
      // (A Debian advisory is reported by its CVE alias, as `bulwark scan` does.)
      // Each asset's counters were refreshed once the pass was done.
      const image = await a.scope
        .selectFrom('images')
        .select([
          'severity1_count',
          'severity2_count',
          'severity3_count',
          'severity4_count',
          'severity5_count',
        ])
        .where('id', '=', a.image)
        .executeTakeFirstOrThrow();
      assert.equal(
        Object.values(image).reduce((x, y) => x + y, 0),
        FILLERS + 2,
      );
    });

    it('matching every asset in full afterwards changes nothing: the re-match missed no row', async () => {
      for (const { scope, image } of assets) {
        const r = await matchAsset(
          t.db,
          scope.customerId,
          'IMAGE',
          image,
          { advisories: source },
          { touch: false },
        );
        assert.deepEqual([r.opened, r.updated, r.closed], [0, 0, 0], image);
      }
    });
  });
}
