/**
 * Query plans for the QQL bench: runs one filter against the databases a
 * `QQL_BENCH_KEEP=1` bench run left behind and prints the SQL, the time of one run, and
 * the plan (SQLite's `explain query plan`, PostgreSQL's `explain analyze`), for the page
 * query and for the capped count. For index and compiler work, not part of `npm run bench`.
 *
 *   node --import tsx bench/qql-explain.ts postgres images 'vulnerabilities.cve:CVE-2015-10000' created:desc 0.1
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/dialects.js';
import { COUNT_CAP } from '../src/db/repositories/list-query.js';
import { qqlCatalogs } from '../src/qql/catalog/index.js';
import { ref } from '../src/qql/catalog/types.js';
import { QQL_ENTITIES, type QqlEntity, qqlOrderBy } from '../src/qql/index.js';
import { qqlWhereLooked } from '../src/server/qql-lookups.js';
import { testPostgresUrl } from '../src/test-support/components.js';
import { customerScope } from '../src/test-support/qql-db.js';
import { INVENTORY_NOW } from '../src/test-support/qql-inventory.js';

const [dialect, entityArg, filter = '', sort = '', scale = '1'] = process.argv.slice(2);
const entity = QQL_ENTITIES.find((e) => e === entityArg) as QqlEntity | undefined;
if ((dialect !== 'sqlite' && dialect !== 'postgres') || !entity) {
  process.stderr.write('usage: qql-explain.ts sqlite|postgres <entity> [filter] [sort] [scale]\n');
  process.exit(2);
}
const tag = scale.replace(/\W/g, '_');
const url = new URL(testPostgresUrl());
url.pathname = `/qqlbench_${tag}`;
const t = openDatabase(
  dialect === 'sqlite' ? { dataDir: join(tmpdir(), `bulwark-qqlbench-${tag}`) } : { url: url.toString() },
);
try {
  const catalog = qqlCatalogs[entity];
  const scope = customerScope(entity, 'cust-a');
  const where = await qqlWhereLooked(t.db, entity, filter, {
    dialect: t.dialect,
    customerId: 'cust-a',
    now: INVENTORY_NOW,
  });
  const order = qqlOrderBy(entity, sort || undefined, { dialect: t.dialect }).map(
    (o) => sql`${o.expression} ${sql.raw(o.direction)} nulls last`,
  );
  const from = sql`from ${sql.table(catalog.table)} where ${scope} and ${where}`;
  const page = sql`select ${ref(catalog.key)} as id ${from} order by ${sql.join(order)} limit 50`;
  const count = sql`select count(*) as n from (select 1 as one ${from} limit ${COUNT_CAP + 1}) as counted`;
  for (const query of [page, count]) {
    const compiled = query.compile(t.db);
    process.stdout.write(`${compiled.sql}\n${JSON.stringify(compiled.parameters)}\n`);
    const start = performance.now();
    const result = await query.execute(t.db);
    const ms = (performance.now() - start).toFixed(1);
    process.stdout.write(
      `-- ${ms} ms, ${result.rows.length} rows, first ${JSON.stringify(result.rows[0])}\n`,
    );
    const plan = t.dialect === 'sqlite' ? sql`explain query plan ${query}` : sql`explain analyze ${query}`;
    for (const row of (await plan.execute(t.db)).rows as Record<string, unknown>[]) {
      process.stdout.write(`   ${String(row.detail ?? row['QUERY PLAN'])}\n`);
    }
  }
} finally {
  await t.close();
}
