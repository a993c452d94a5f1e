import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DialectName } from '../db/dialects.js';
import { qqlIds, seededDatabase } from '../test-support/qql-db.js';
import { randomQuery, valuePools } from '../test-support/qql-generator.js';
import { INVENTORY_NOW, prng } from '../test-support/qql-inventory.js';
import { DIALECTS, type TestDatabase } from '../test-support/test-databases.js';
import { formatQql } from './format.js';
import { QQL_ENTITIES, qqlCatalog } from './index.js';
import { parseQql } from './parser.js';

const QUERIES_PER_ENTITY = 60;

describe('QQL differential: the same generated queries on SQLite and PostgreSQL', () => {
  const dbs = new Map<DialectName, TestDatabase>();
  before(async () => {
    for (const dialect of DIALECTS) dbs.set(dialect, await seededDatabase(dialect, 21));
  });
  after(async () => {
    for (const t of dbs.values()) await t.dispose();
  });

  for (const entity of QQL_ENTITIES) {
    it(`${entity}: ${QUERIES_PER_ENTITY} random filters select the same ids`, async () => {
      const sqlite = dbs.get('sqlite') as TestDatabase;
      const postgres = dbs.get('postgres') as TestDatabase;
      const pools = await valuePools(sqlite.db, entity);
      const rand = prng(entity.length * 7919 + 17);
      const all = new Set(await qqlIds(sqlite, { entity }));
      let selective = 0;
      for (let i = 0; i < QUERIES_PER_ENTITY; i++) {
        const filter = formatQql(randomQuery(rand, entity, pools, INVENTORY_NOW));
        // The printed query parses back to the same text: printer and parser agree.
        const reparsed = parseQql(filter);
        assert.ok(reparsed);
        assert.equal(formatQql(reparsed), filter);
        const a = await qqlIds(sqlite, { entity, filter });
        const b = await qqlIds(postgres, { entity, filter });
        assert.deepEqual(b, a, `filter: ${filter}`);
        if (a.length > 0 && a.length < all.size) selective++;
      }
      // The generator draws values from the data, so most queries select some rows but not all.
      assert.ok(selective >= QUERIES_PER_ENTITY / 4, `only ${selective} selective queries`);
    });

    it(`${entity}: a conjunction selects the intersection of its parts (one IN drives, the rest EXISTS)`, async () => {
      const pools = await valuePools((dbs.get('sqlite') as TestDatabase).db, entity);
      const rand = prng(entity.length * 104_729 + 3);
      for (let i = 0; i < 25; i++) {
        const parts = [0, 1, 2].map(() => formatQql(randomQuery(rand, entity, pools, INVENTORY_NOW)));
        for (const t of dbs.values()) {
          const each = await Promise.all(parts.map((filter) => qqlIds(t, { entity, filter })));
          const both = each.reduce((acc, ids) => acc.filter((id) => ids.includes(id)));
          const filter = parts.map((p) => `(${p})`).join(' and ');
          assert.deepEqual(await qqlIds(t, { entity, filter }), both, `${t.dialect}: ${filter}`);
        }
      }
    });

    it(`${entity}: every sortable token orders the same way both ways`, async () => {
      for (const { token } of qqlCatalog(entity).filter((t) => t.sortable)) {
        for (const direction of ['asc', 'desc']) {
          const sort = `${token}:${direction}`;
          const a = await qqlIds(dbs.get('sqlite') as TestDatabase, { entity, sort });
          const b = await qqlIds(dbs.get('postgres') as TestDatabase, { entity, sort });
          assert.deepEqual(b, a, sort);
        }
      }
    });
  }
});
