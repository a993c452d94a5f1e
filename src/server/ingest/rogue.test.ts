/**
 * The rogue comparison over stored rows, on both dialects: each list (new, fixed and varied
 * vulnerabilities; new and removed software) fills exactly when the reference says, a
 * container identical to its image is not rogue, and one without an SBOM is "unknown"
 * (null), never "clean".
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCustomer } from '../../db/repositories/accounts-repository.js';
import {
  type SoftwareInput,
  upsertVulnerabilities,
  writeContainer,
  writeImage,
} from '../../db/repositories/inventory-writer.js';
import { TenantScope } from '../../db/tenant.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../test-support/test-databases.js';
import { refreshRogue } from './rogue.js';

const V = (id: string, severity: number) => ({ id, severity });
const vulns = [
  { id: 'CVE-2099-1001', qid: 9_101, title: 'in both, same package', severity: 4 },
  { id: 'CVE-2099-1002', qid: 9_102, title: 'fixed in the container', severity: 5 },
  { id: 'CVE-2099-1003', qid: 9_103, title: 'new in the container', severity: 2 },
  { id: 'CVE-2099-1004', qid: 9_104, title: 'varied: another version', severity: 3 },
];

const image: SoftwareInput[] = [
  { name: 'openssl', version: '3.0.1', ecosystem: 'Debian:12', vulnerabilities: [V('CVE-2099-1001', 4)] },
  { name: 'less', version: '590-2', ecosystem: 'Debian:12', vulnerabilities: [V('CVE-2099-1002', 5)] },
  { name: 'curl', version: '7.88.1', ecosystem: 'Debian:12', vulnerabilities: [V('CVE-2099-1004', 3)] },
];
const drifted: SoftwareInput[] = [
  { name: 'openssl', version: '3.0.1', ecosystem: 'Debian:12', vulnerabilities: [V('CVE-2099-1001', 4)] },
  { name: 'curl', version: '7.88.2', ecosystem: 'Debian:12', vulnerabilities: [V('CVE-2099-1004', 3)] },
  { name: 'netcat', version: '1.10', ecosystem: 'Debian:12', vulnerabilities: [V('CVE-2099-1003', 2)] },
];

for (const dialect of DIALECTS) {
  describe(`rogue containers (${dialect})`, () => {
    let db: TestDatabase;
    let scope: TenantScope;
    let imageUuid: string;
    before(async () => {
      db = await freshDatabase(dialect);
      scope = new TenantScope(db.db, await createCustomer(db.db, 'rogue'));
      await upsertVulnerabilities(db.db, vulns);
      imageUuid = await writeImage(scope, { sha: 'a1'.repeat(32), lastScanned: 1, software: image });
    });
    after(() => db.dispose());

    const container = (sha: string, software: SoftwareInput[] | undefined, scanned: boolean) =>
      writeContainer(scope, {
        sha: sha.repeat(32),
        name: sha,
        imageUuid,
        imageSha: 'a1'.repeat(32),
        hostId: null,
        sensorUuid: null,
        state: 'RUNNING',
        ...(software ? { software } : {}),
      }).then(async (uuid) => {
        if (scanned)
          await scope.updateTable('containers').set({ last_scanned: 2 }).where('id', '=', uuid).execute();
        return uuid;
      });

    it('sorts every difference into its list', async () => {
      const uuid = await container('c1', drifted, true);
      const report = await refreshRogue(scope, uuid);
      assert.deepEqual(report, {
        vulnerabilities: {
          new: [{ qid: 9_103, id: 'CVE-2099-1003', severity: 2 }],
          fixed: [{ qid: 9_102, id: 'CVE-2099-1002', severity: 5 }],
          varied: [{ qid: 9_104, id: 'CVE-2099-1004', severity: 3 }],
        },
        software: {
          new: [
            { name: 'curl', version: '7.88.2' },
            { name: 'netcat', version: '1.10' },
          ],
          removed: [
            { name: 'curl', version: '7.88.1' },
            { name: 'less', version: '590-2' },
          ],
        },
      });
      const row = await scope
        .selectFrom('containers')
        .select(['is_rogue', 'rogue_json'])
        .where('id', '=', uuid)
        .executeTakeFirstOrThrow();
      assert.equal(row.is_rogue, 1);
      assert.deepEqual(JSON.parse(row.rogue_json ?? 'null'), report);
    });

    it('a container identical to its image is not rogue', async () => {
      const uuid = await container('c2', image, true);
      const report = await refreshRogue(scope, uuid);
      assert.ok(report);
      assert.equal(report.software.new.length + report.software.removed.length, 0);
      assert.equal(
        (
          await scope
            .selectFrom('containers')
            .select('is_rogue')
            .where('id', '=', uuid)
            .executeTakeFirstOrThrow()
        ).is_rogue,
        0,
      );
    });

    it('a container without an SBOM is unknown (null), not clean', async () => {
      const uuid = await container('c3', undefined, false);
      assert.equal(await refreshRogue(scope, uuid), null);
      const row = await scope
        .selectFrom('containers')
        .select(['is_rogue', 'rogue_json'])
        .where('id', '=', uuid)
        .executeTakeFirstOrThrow();
      assert.equal(row.rogue_json, null);
    });
  });
}
