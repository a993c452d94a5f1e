import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../db/schema.js';
import { applyQqlOrder, QQL_ENTITIES, qqlCatalog, qqlOrderBy } from './index.js';
import { QqlError } from './qql-error.js';

const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new Sqlite(':memory:') }) });

function orderSql(
  entity: 'images' | 'events',
  sort: string | undefined,
  dialect: 'sqlite' | 'postgres' = 'sqlite',
): string {
  const q = applyQqlOrder(
    db.selectFrom(entity).select(`${entity}.id`),
    qqlOrderBy(entity, sort, { dialect }),
  );
  return q.compile().sql.replace(/^.* order by /, '');
}

describe('QQL sort', () => {
  it('reads created:desc, the JSON form and lists, ending with the key', () => {
    const expected = '"images"."created" desc nulls last, "images"."id" asc nulls last';
    assert.equal(orderSql('images', 'created:desc'), expected);
    assert.equal(orderSql('images', '[{"created":"desc"}]'), expected);
    assert.equal(orderSql('images', '{"created":"DESC"}'), expected);
    assert.equal(
      orderSql('images', ' lastVmScanDate , created:desc'),
      '"images"."last_scanned" asc nulls last, "images"."created" desc nulls last, "images"."id" asc nulls last',
    );
    assert.equal(
      orderSql('events', 'eventOccurred:desc'),
      '"events"."event_occurred" desc nulls last, "events"."id" asc nulls last',
    );
  });

  it("uses the catalog's default when blank, and bytewise text order on PostgreSQL", () => {
    assert.equal(
      orderSql('events', undefined),
      '"events"."event_occurred" desc nulls last, "events"."id" asc nulls last',
    );
    assert.equal(
      orderSql('images', 'sha:asc', 'postgres'),
      '"images"."sha" collate "C" asc nulls last, "images"."id" collate "C" asc nulls last',
    );
  });

  it('does not repeat the key when it is already sorted on', () => {
    assert.equal(orderSql('images', 'imageId:asc').split(',').length, 2);
    assert.equal(qqlOrderBy('vulnerabilities', 'id:desc', { dialect: 'sqlite' }).length, 1);
  });

  const errors: [string, string, RegExp][] = [
    ['creatd:desc', 'QQL_UNKNOWN_TOKEN', /unknown sort token "creatd" at column 1; did you mean "created"\?/],
    ['created:desc,sizee', 'QQL_UNKNOWN_TOKEN', /at column 14; did you mean "size"\?/],
    [
      'repo.tag:asc',
      'QQL_BAD_VALUE',
      /cannot sort by repo.tag at column 1; sortable tokens: imageId, sha, created/,
    ],
    ['created:down', 'QQL_BAD_VALUE', /sort direction "down" for created/],
    ['created:desc:x', 'QQL_SYNTAX', /expected token or token:asc\|desc/],
    ['[{"created":"desc"', 'QQL_SYNTAX', /sort is not valid JSON/],
    ['[{"created":1}]', 'QQL_SYNTAX', /like \[\{"created":"desc"\}\]/],
    ['a,b,c,d,e,f', 'QQL_TOO_COMPLEX', /more than 5 sort keys/],
  ];
  for (const [sort, code, message] of errors) {
    it(`${sort} → ${code}`, () => {
      assert.throws(
        () => qqlOrderBy('images', sort, { dialect: 'sqlite' }),
        (err: unknown) => err instanceof QqlError && err.code === code && message.test(err.message),
      );
    });
  }

  it('every catalog has its default sort token, sortable, and only main-table tokens are sortable', () => {
    for (const entity of QQL_ENTITIES) {
      assert.doesNotThrow(() => qqlOrderBy(entity, undefined, { dialect: 'postgres' }), entity);
      assert.ok(
        qqlCatalog(entity).some((t) => t.sortable),
        entity,
      );
    }
  });
});
