import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { qqlCatalogs } from './index.js';

describe('QQL catalogs', () => {
  it('every catalog file is listed once in the registry', () => {
    const files = readdirSync(new URL('.', import.meta.url))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .filter(
        (f) => !['index.ts', 'types.ts', 'relations.ts', 'shared-tokens.ts', 'image-sources.ts'].includes(f),
      )
      .map((f) => f.replace(/\.ts$/, ''));
    assert.deepEqual(files.sort(), Object.keys(qqlCatalogs).sort());
  });

  for (const [entity, catalog] of Object.entries(qqlCatalogs)) {
    it(`${entity}: tokens and aliases are unique (case-insensitively), sortable ones are main-table columns`, () => {
      const seen = new Set<string>();
      for (const t of catalog.tokens) {
        for (const name of [t.token, ...(t.aliases ?? [])]) {
          assert.ok(!seen.has(name.toLowerCase()), `${entity}: ${name} twice`);
          seen.add(name.toLowerCase());
          assert.match(name, /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/, name);
        }
        if (t.sortable) assert.equal(t.via, undefined, `${entity}: ${t.token} sortable through a subquery`);
        if (!t.via) assert.equal(t.column.alias, catalog.table, `${entity}: ${t.token} reads another table`);
        if (t.via) assert.ok(t.column.alias.startsWith('q_'), `${entity}: ${t.token} subquery alias`);
        if (t.type === 'enum') assert.ok((t.values ?? []).length > 0, `${entity}: ${t.token} values`);
        assert.ok(t.description.length > 3);
      }
      assert.ok(seen.has(catalog.defaultSort.token.toLowerCase()));
    });
  }
});
