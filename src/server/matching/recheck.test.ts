/**
 * The re-match's second half: assets left "not checked" are matched in full once the
 * database can check them, each distinct package evaluated once however many assets share
 * it; while the database is the one the inventory was last matched with, only assets never
 * matched against it are tried again (not, every minute, those it has no data for).
 */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importAdvisories } from '../../core/advisory/import.js';
import type { OsvRecord } from '../../core/advisory/osv-types.js';
import type { OSInfo, Package } from '../../core/sbom/model.js';
import { createCustomer } from '../../db/repositories/accounts-repository.js';
import { writeImage } from '../../db/repositories/inventory-writer.js';
import { TenantScope } from '../../db/tenant.js';
import { tempDir } from '../../test-support/registry-push.js';
import { storeImageSoftware } from '../../test-support/stored-software.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../test-support/test-databases.js';
import { DB_MARK } from './advisory-changes.js';
import { AdvisorySource } from './advisory-source.js';
import { matchAsset } from './match-asset.js';
import { rematchInventory } from './rematch.js';
import { NO_DATABASE } from './scan-state.js';

const bookworm: OSInfo = { family: 'debian', version: '12', name: 'Debian GNU/Linux 12 (bookworm)' };
const alpine: OSInfo = { family: 'alpine', version: '3.20.1', name: 'Alpine Linux v3.20' };
const deb = (name: string, version: string, source: string): Package => ({
  type: 'deb',
  name,
  version,
  source: { name: source },
  location: { path: 'var/lib/dpkg/status' },
});
const debianPackages = [
  deb('libssl3', '3.0.11-1~deb12u2', 'openssl'),
  deb('zlib1g', '1:1.2.13.dfsg-1', 'zlib'),
  deb('bash', '5.2.15-2+b2', 'bash'),
  deb('tar', '1.34+dfsg-1.2', 'tar'),
];
const alpinePackage: Package = {
  type: 'apk',
  name: 'musl',
  version: '1.2.5-r0',
  location: { path: 'lib/apk/db/installed' },
};

const record: OsvRecord = {
  id: 'DSA-9-1',
  modified: '2026-01-01T00:00:00Z',
  affected: [
    {
      package: { ecosystem: 'Debian:12', name: 'openssl' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.13-1~deb12u1' }] }],
    },
  ],
} as OsvRecord;

for (const dialect of DIALECTS) {
  describe(`re-checking "not checked" assets (${dialect})`, () => {
    let t: TestDatabase;
    let dir: string;
    let source: AdvisorySource;
    let scope: TenantScope;
    const debianImages: string[] = [];
    let alpineImage: string;
    const scanError = async (id: string) =>
      (await t.db.selectFrom('images').select('scan_error').where('id', '=', id).executeTakeFirstOrThrow())
        .scan_error;

    before(async () => {
      t = await freshDatabase(dialect);
      dir = await tempDir();
      mkdirSync(join(dir, 'vulndb'));
      source = new AdvisorySource(join(dir, 'vulndb', 'vuln.db'));
      scope = new TenantScope(t.db, await createCustomer(t.db, 'acme'));
      const store = async (sha: string, pkgs: Package[], os: OSInfo) => {
        const id = await writeImage(scope, { sha: sha.repeat(64) });
        await storeImageSoftware(t.db, scope.customerId, id, pkgs, os);
        // Uploaded while the server had no database: stored, marked, not matched.
        await matchAsset(t.db, scope.customerId, 'IMAGE', id, { advisories: source });
        assert.equal(await scanError(id), NO_DATABASE);
        return id;
      };
      for (const sha of ['1', '2', '3']) debianImages.push(await store(sha, debianPackages, bookworm));
      alpineImage = await store('4', [alpinePackage], alpine);
    });
    after(async () => {
      source.close();
      await t.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('a new database checks every such asset, each distinct package evaluated once', async () => {
      const osv = join(dir, 'osv');
      mkdirSync(osv);
      writeFileSync(join(osv, `${record.id}.json`), JSON.stringify(record));
      await importAdvisories(source.path, [osv]);
      const r = await rematchInventory(t.db, source);
      assert.equal(r.rechecked, 4);
      // Three images share four packages, the fourth image has one: five distinct, not 13.
      assert.equal(r.evaluatedPackages + (r.recheckedPackages ?? 0), 5);
      for (const id of debianImages) assert.equal(await scanError(id), null);
      // No Alpine data: still (and rightly) "not checked".
      assert.match((await scanError(alpineImage)) ?? '', /not checked: .*has no Alpine.* advisories/);
    });

    it('an unchanged database neither diffs every advisory again nor re-checks what it has no data for', async () => {
      // Were the diff worked out again, every record would now read as new.
      await t.db.deleteFrom('advisory_marks').where('id', '!=', DB_MARK).execute();
      const again = await rematchInventory(t.db, source);
      assert.equal(again.changedAdvisories, 0);
      assert.equal(again.rechecked, 0);
      assert.match((await scanError(alpineImage)) ?? '', /not checked: .*has no Alpine.* advisories/);
      // One uploaded while the database was missing is still picked up.
      await t.db
        .updateTable('images')
        .set({ scan_error: NO_DATABASE })
        .where('id', '=', debianImages[0]!)
        .execute();
      const retry = await rematchInventory(t.db, source);
      assert.equal(retry.rechecked, 1);
      assert.equal(await scanError(debianImages[0]!), null);
    });
  });
}
