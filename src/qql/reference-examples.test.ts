import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { DialectName } from '../db/dialects.js';
import { qqlIds, seededDatabase } from '../test-support/qql-db.js';
import type { TestDatabase } from '../test-support/test-databases.js';
import { DIALECTS } from '../test-support/test-databases.js';
import { QQL_ENTITIES, type QqlEntity } from './index.js';
import { parseQql } from './parser.js';

interface Example {
  kind: 'filter' | 'sort';
  entity: QqlEntity;
  text: string;
  source: string;
}

const examples: Example[] = readFileSync(
  new URL('./testdata/reference-examples.tsv', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => {
    const [kind, entity, text, source] = line.split('\t');
    assert.ok(kind === 'filter' || kind === 'sort', line);
    assert.ok(QQL_ENTITIES.includes(entity as QqlEntity), line);
    return { kind, entity: entity as QqlEntity, text: text ?? '', source: source ?? '' };
  });

describe('QQL examples of the reference documents', () => {
  it('are all listed (at least the six of the reference and the issue)', () => {
    assert.ok(examples.filter((e) => /^00[0-3]_/.test(e.source)).length >= 9);
  });

  const dbs = new Map<DialectName, TestDatabase>();
  before(async () => {
    for (const dialect of DIALECTS) dbs.set(dialect, await seededDatabase(dialect));
  });
  after(async () => {
    for (const t of dbs.values()) await t.dispose();
  });

  for (const ex of examples) {
    it(`${ex.kind} ${ex.entity} ${ex.text}  (${ex.source})`, async () => {
      if (ex.kind === 'filter') assert.ok(parseQql(ex.text), 'parses to a tree');
      const run =
        ex.kind === 'filter' ? { entity: ex.entity, filter: ex.text } : { entity: ex.entity, sort: ex.text };
      const answers = new Map<DialectName, string[]>();
      for (const [dialect, t] of dbs) answers.set(dialect, await qqlIds(t, run));
      assert.deepEqual(answers.get('postgres'), answers.get('sqlite'), 'both dialects give the same rows');
    });
  }

  it('selects what the examples mean on the seeded inventory', async () => {
    for (const [dialect, t] of dbs) {
      // vulnerabilities.severity:"5" (count columns) = images with an open severity-5 finding.
      const direct = await sql<{
        id: string;
      }>`select distinct asset_uuid as id from findings where customer_id = 'cust-a' and asset_type = 'IMAGE' and closed_at is null and severity = 5`.execute(
        t.db,
      );
      const viaQql = await qqlIds(t, { entity: 'images', filter: 'vulnerabilities.severity:"5"' });
      assert.deepEqual(viaQql, direct.rows.map((r) => r.id).sort(), dialect);
      assert.ok(viaQql.length > 0, `${dialect}: the example matches something`);
      // lastVmScanDate:[now-24h ... now] = scanned within the day before INVENTORY_NOW.
      const now = Date.UTC(2026, 0, 31, 12);
      const recent = await sql<{
        id: string;
      }>`select id from images where customer_id = 'cust-a' and last_scanned >= ${now - 86_400_000} and last_scanned <= ${now}`.execute(
        t.db,
      );
      const scanned = await qqlIds(t, { entity: 'images', filter: 'lastVmScanDate:[now-24h ... now]' });
      assert.deepEqual(scanned, recent.rows.map((r) => r.id).sort(), dialect);
      // sort=created:desc orders by created, unknown dates last.
      const sorted = await qqlIds(t, { entity: 'images', sort: 'created:desc' });
      const created = await sql<{
        id: string;
        created: number | null;
      }>`select id, created from images where customer_id = 'cust-a'`.execute(t.db);
      const byId = new Map(created.rows.map((r) => [r.id, r.created]));
      const values = sorted.map((id) => byId.get(id) ?? null);
      const firstNull = values.indexOf(null);
      assert.ok(firstNull > 0 && values.slice(firstNull).every((v) => v === null), 'nulls last');
      const known = values.slice(0, firstNull) as number[];
      assert.deepEqual(
        known,
        [...known].sort((a, b) => b - a),
      );
    }
  });
});
