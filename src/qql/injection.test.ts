import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { DialectName } from '../db/dialects.js';
import { type QqlRun, qqlIds, seededDatabase } from '../test-support/qql-db.js';
import { DIALECTS, type TestDatabase } from '../test-support/test-databases.js';
import { qqlOrderBy, qqlWhere } from './index.js';
import { QqlError } from './qql-error.js';
import { asciiLower } from './values.js';

/** Payloads users (or attackers) could put in a quoted value: they must be matched as plain text. */
const phrases = [
  "'; DROP TABLE images; --",
  "x' OR '1'='1",
  '"); DELETE FROM findings; --',
  "' || (SELECT password_hash FROM users LIMIT 1) || '",
  '/* comment */ images',
  'a; DETACH DATABASE main',
  "$1'); DROP TABLE containers; --",
  "\\'; DROP TABLE images; --",
  'o\u02bcbrien\u02bc OR \u02bc1\u02bc=\u02bc1', // MODIFIER LETTER APOSTROPHE look-alikes
  '\uff07; DROP TABLE images; --', // FULLWIDTH APOSTROPHE
  'semi;colon--x',
  "o'brien",
  '50%_off',
  'back\\slash',
];

/** Whole filters: each is refused with a QQL error or runs as a harmless query. */
const filters: string[] = [
  "name:'; DROP TABLE images; --",
  'name:x; DROP TABLE images',
  'name:x or 1=1',
  "name:x' or '1'='1",
  'name:/* and name:*/',
  'name:-- and name:x',
  'containers.id:1',
  'name:x) or (1:1',
  '"name":x',
  'name:x\u037e drop', // GREEK QUESTION MARK, a look-alike of ";"
  'name\uff1ax',
  'name:\u0000',
  'name:*%*',
  'name:*\\_*',
  `name:${'x'.repeat(5000)}`,
  `${'('.repeat(10_000)}name:x${')'.repeat(10_000)}`,
  `${'not '.repeat(5000)}name:x`,
  Array.from({ length: 1000 }, () => 'name:x').join(' or '),
  `name:[${Array.from({ length: 5000 }, (_, i) => `v${i}`).join(',')}]`,
];

const sorts = [
  'created; DROP TABLE images',
  'created:desc; DROP TABLE images',
  'created desc nulls first',
  '[{"created":"desc; DROP TABLE images"}]',
  '[{"created) desc; DROP TABLE images --":"asc"}]',
  '[{"created":"desc"},{"name":"asc"}]',
  '{"__proto__":"desc"}',
  '[[[[[[[[[[]]]]]]]]]]',
];

const TABLES = [
  'images',
  'containers',
  'findings',
  'software',
  'users',
  'vulnerabilities',
  'image_repos',
] as const;

async function tableCounts(t: TestDatabase): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(t.db);
    out[table] = Number(r.rows[0]?.n);
  }
  return out;
}

for (const dialect of DIALECTS) {
  describe(`QQL injection attempts stay inert (${dialect})`, () => {
    let t: TestDatabase;
    let before0: Record<string, number>;
    let names: { id: string; name: string }[];
    before(async () => {
      t = await seededDatabase(dialect as DialectName);
      // A container named exactly like a payload must be found by it, as plain text.
      await t.db
        .updateTable('containers')
        .set({ name: phrases[0] as string })
        .where(
          'id',
          '=',
          t.db.selectFrom('containers').select('id').where('customer_id', '=', 'cust-a').limit(1),
        )
        .execute();
      before0 = await tableCounts(t);
      names = (
        await t.db
          .selectFrom('containers')
          .select(['id', 'name'])
          .where('customer_id', '=', 'cust-a')
          .execute()
      ).map((r) => ({ id: r.id, name: r.name }));
    });
    after(async () => {
      assert.deepEqual(await tableCounts(t), before0, 'no table changed');
      await t.dispose();
    });

    for (const phrase of phrases) {
      it(`name:${JSON.stringify(phrase)} matches only containers with that name`, async () => {
        const filter = `name:"${phrase.replace(/[\\"]/g, '\\$&')}"`;
        const compiled = t.db
          .selectFrom('containers')
          .select('id')
          .where(qqlWhere('containers', filter, { dialect: t.dialect, customerId: 'cust-a' }))
          .compile();
        assert.ok(!compiled.sql.includes(phrase), 'the value is not in the SQL text');
        assert.ok(compiled.parameters.includes(asciiLower(phrase)), 'the value is a bound parameter');
        const expected = names.filter((n) => asciiLower(n.name) === asciiLower(phrase)).map((n) => n.id);
        assert.deepEqual(await qqlIds(t, { entity: 'containers', filter }), expected.sort());
      });
    }

    it('the planted payload name is found by its exact text', async () => {
      const hits = await qqlIds(t, { entity: 'containers', filter: `name:\`${phrases[0]}\`` });
      assert.equal(hits.length, 1);
    });

    it('LIKE metacharacters in values are literal', async () => {
      const withPercent = names.filter((n) => n.name.includes('%')).map((n) => n.id);
      assert.deepEqual(await qqlIds(t, { entity: 'containers', filter: 'name:*%*' }), withPercent.sort());
      const withUnderscore = names.filter((n) => n.name.includes('_')).map((n) => n.id);
      assert.deepEqual(await qqlIds(t, { entity: 'containers', filter: 'name:*_*' }), withUnderscore.sort());
      const withBackslash = names.filter((n) => n.name.includes('\\')).map((n) => n.id);
      assert.deepEqual(
        await qqlIds(t, { entity: 'containers', filter: 'name:*\\\\*' }),
        withBackslash.sort(),
      );
    });

    for (const filter of filters) {
      it(`filter ${JSON.stringify(filter.length > 60 ? `${filter.slice(0, 60)}…` : filter)} is refused or harmless`, async () => {
        const run: QqlRun = { entity: 'containers', filter };
        try {
          const ids = await qqlIds(t, run);
          assert.ok(ids.length <= names.length);
        } catch (err) {
          assert.ok(err instanceof QqlError, `a QQL error, not a database error: ${String(err)}`);
          assert.match(err.message, /at column \d+/);
        }
      });
    }

    for (const sort of sorts) {
      it(`sort ${sort} is refused or harmless`, async () => {
        try {
          qqlOrderBy('containers', sort, { dialect: t.dialect });
          await qqlIds(t, { entity: 'containers', sort });
        } catch (err) {
          assert.ok(err instanceof QqlError, `a QQL error, not a database error: ${String(err)}`);
        }
      });
    }
  });
}
