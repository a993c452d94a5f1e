/**
 * The SQL shape of conjunctions of child-collection terms: one `IN` (the likeliest to be
 * selective) drives, the others are correlated `EXISTS` (see compile.ts). That results do
 * not change is checked on real data in differential.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../db/schema.js';
import { qqlWhere } from './index.js';

const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new Sqlite(':memory:') }) });

function whereSql(filter: string): string {
  const where = qqlWhere('images', filter, { dialect: 'sqlite', customerId: 'c', now: 0 });
  return db.selectFrom('images').select('images.id').where(where).compile().sql;
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('QQL conjunctions of child terms', () => {
  it('drive from the exact value, not the prefix, whatever the order', () => {
    for (const filter of [
      'software.version:3.* and software.name:openssl',
      'software.name:openssl and software.version:3.*',
    ]) {
      const text = whereSql(filter);
      assert.equal(count(text, '"images"."id" in (select'), 1, text);
      assert.equal(count(text, 'exists (select'), 1, text);
      assert.match(text, /"images"\."id" in \(select [^)]*lower\("q_s"\."name"\) = \?/);
    }
  });

  it('drive from a prefix before an exact value of a token with few values (repo.tag:latest)', () => {
    for (const filter of [
      'repo.repository:library/nginx* and repo.tag:latest',
      'repo.tag:latest and repo.repository:library/nginx*',
    ]) {
      const text = whereSql(filter);
      assert.equal(count(text, '"images"."id" in (select'), 1, text);
      assert.match(text, /"images"\."id" in \(select [^)]*lower\("q_r"\."repository"\) >= \?/);
      assert.match(text, /exists \(select [^)]*lower\("q_r"\."tag"\) = \?/);
    }
    // Against a pattern, the exact tag still drives.
    assert.match(
      whereSql('repo.repository:*nginx* and repo.tag:latest'),
      /"images"\."id" in \(select [^)]*lower\("q_r"\."tag"\) = \?/,
    );
  });

  it('leave a single child term, disjunctions and negations as they were', () => {
    assert.equal(count(whereSql('software.name:openssl'), 'exists ('), 0);
    assert.equal(count(whereSql('software.name:openssl or software.name:zlib'), ' in (select'), 2);
    const negated = whereSql('not (software.name:openssl and software.version:3.*)');
    assert.equal(count(negated, 'not exists (select'), 2, negated);
  });
});
