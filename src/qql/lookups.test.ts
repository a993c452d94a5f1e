/**
 * `vulnerabilities.cve:X` looked up to vulnerability ids before compiling (as the list
 * routes do) selects exactly what the join through `vulnerabilities` selects: for every CVE
 * of the seeded inventory — ids that are the CVE and GHSA ids carrying it as `cve` — in
 * either case, negated, in a conjunction, and for a CVE nothing carries.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { qqlWhereLooked } from '../server/qql-lookups.js';
import { qqlIds, seededDatabase } from '../test-support/qql-db.js';
import { INVENTORY_NOW } from '../test-support/qql-inventory.js';
import { DIALECTS, type TestDatabase } from '../test-support/test-databases.js';
import type { QqlEntity } from './index.js';

const ENTITIES: QqlEntity[] = ['images', 'containers', 'software'];

for (const dialect of DIALECTS) {
  describe(`QQL lookups (${dialect})`, () => {
    let t: TestDatabase;
    let cves: { id: string; cve: string }[];
    before(async () => {
      t = await seededDatabase(dialect, 31);
      cves = (
        await t.db.selectFrom('vulnerabilities').select(['id', 'cve']).where('cve', 'is not', null).execute()
      ).map((r) => ({ id: r.id, cve: r.cve as string }));
    });
    after(() => t.dispose());

    it('the seeded inventory has CVEs carried under another id, so both kinds are checked', () => {
      assert.ok(cves.some((v) => v.id === v.cve));
      assert.ok(cves.some((v) => v.id !== v.cve));
    });

    it('the looked-up term compiles to constant vulnerability ids, not the join', async () => {
      const other = cves.find((v) => v.id !== v.cve) as { id: string; cve: string };
      const filter = `vulnerabilities.cve:${other.cve}`;
      const where = await qqlWhereLooked(t.db, 'images', filter, {
        dialect,
        customerId: 'cust-a',
        now: INVENTORY_NOW,
      });
      const compiled = where.compile(t.db);
      assert.doesNotMatch(compiled.sql, /"q_v"/);
      assert.match(compiled.sql, /"q_f"\."vulnerability_id" in \(/);
      assert.ok(compiled.parameters.includes(other.id));
    });

    for (const entity of ENTITIES) {
      it(`${entity}: the same ids with and without the lookup`, async () => {
        let some = 0;
        // Every CVE carried under another id, and a quarter of the others.
        for (const { cve } of cves.filter((v, i) => v.id !== v.cve || i % 4 === 0)) {
          const filters = [
            `vulnerabilities.cve:${cve}`,
            `vulnerabilities.cve:${cve.toLowerCase()}`,
            `vulnerabilities.cve:\`${cve}\``,
            `not vulnerabilities.cve:${cve}`,
            `vulnerabilities.cve:${cve} and not vulnerabilities.cve:CVE-1999-0001`,
          ];
          for (const filter of filters) {
            const joined = await qqlIds(t, { entity, filter });
            const looked = await qqlIds(t, { entity, filter, lookups: true });
            assert.deepEqual(looked, joined, `${entity}: ${filter}`);
            if (joined.length > 0 && !filter.startsWith('not')) some++;
          }
        }
        assert.ok(some > 0, 'some CVE selects some rows');
      });
    }

    it('a CVE no vulnerability carries is looked up to nothing and selects nothing', async () => {
      const filter = 'vulnerabilities.cve:CVE-1999-0001';
      const where = await qqlWhereLooked(t.db, 'containers', filter, {
        dialect,
        customerId: 'cust-a',
        now: INVENTORY_NOW,
      });
      const compiled = where.compile(t.db);
      assert.doesNotMatch(compiled.sql, /"q_v"/);
      assert.match(compiled.sql, /\(1 = 0\)/);
      assert.deepEqual(await qqlIds(t, { entity: 'containers', filter, lookups: true }), []);
    });
  });
}
