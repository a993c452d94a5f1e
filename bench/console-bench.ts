/**
 * Issue 13's targets: time to first render of the dashboard and of the images list in a
 * real Chromium, on the 100,000-image synthetic inventory (SQLite, the default server),
 * under 1 s each; and the console's bundle size against its budget. "Rendered" means the
 * dashboard's count widgets show numbers and its charts have drawn, and the images table
 * shows its first page. `CONSOLE_BENCH_SCALE=0.05` runs a smaller inventory. The server
 * calls behind each first render are timed too, slowest first, so a slow screen names the
 * endpoint to fix. With `QQL_BENCH_KEEP=1` it runs on the SQLite inventory a kept QQL bench
 * run left (the same generator, seed and size) instead of loading its own.
 * Needs `npm run build:web` first.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { SQLITE_FILE } from '../src/db/dialects.js';
import { ADMIN_ROLE } from '../src/db/permissions.js';
import { createRole, createUser } from '../src/db/repositories/accounts-repository.js';
import { buildApp } from '../src/server/app.js';
import { launchChromium } from '../src/test-support/chromium.js';
import { type InventorySize, inventoryRows } from '../src/test-support/qql-inventory.js';
import { freshDatabase } from '../src/test-support/test-databases.js';
import { keptDatabase } from './qql-bench.js';
import { type BenchRow, fleetInventory } from './support.js';

const TARGET_MS = 1000;
const RUNS = 5;

function load(file: string, size: InventorySize): number {
  const db = new Sqlite(file);
  db.pragma('synchronous = OFF');
  const statements = new Map<string, Sqlite.Statement>();
  let images = 0;
  const insert = db.transaction((rows: { table: string; row: Record<string, unknown> }[]) => {
    for (const { table, row } of rows) {
      let stmt = statements.get(table);
      if (!stmt) {
        const cols = Object.keys(row);
        stmt = db.prepare(
          `insert into "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`,
        );
        statements.set(table, stmt);
      }
      stmt.run(row);
    }
  });
  let batch: { table: string; row: Record<string, unknown> }[] = [];
  for (const item of inventoryRows(7, size)) {
    if (item.table === 'images') images++;
    batch.push({ table: item.table, row: item.row as Record<string, unknown> });
    if (batch.length >= 20_000) {
      insert(batch);
      batch = [];
    }
  }
  insert(batch);
  db.exec('analyze');
  db.close();
  return images;
}

export async function consoleBench(): Promise<BenchRow[]> {
  const scale = Number(process.env.CONSOLE_BENCH_SCALE ?? '1');
  const size = fleetInventory(scale);
  const kept = process.env.QQL_BENCH_KEEP === '1' ? await keptDatabase('sqlite', scale) : null;
  const t = kept ?? (await freshDatabase('sqlite'));
  if (!('dataDir' in t.target)) throw new Error('unexpected test database');
  const stored = await t.db
    .selectFrom('images')
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const images = Number(stored.n) > 0 ? Number(stored.n) : load(join(t.target.dataDir, SQLITE_FILE), size);
  const user = await t.db.selectFrom('users').select('id').where('username', '=', 'bench').executeTakeFirst();
  if (!user) {
    await createRole(t.db, 'cust-a', ADMIN_ROLE.name, ADMIN_ROLE.permissions);
    await createUser(t.db, 'cust-a', 'bench', 'bench password', [ADMIN_ROLE.name]);
  }
  const app = await buildApp({ db: t.db, dialect: 'sqlite' });
  const calls: { url: string; ms: number }[] = [];
  app.addHook('onResponse', async (req, reply) => {
    if (req.url.startsWith('/csapi/'))
      calls.push({ url: decodeURIComponent(req.url), ms: reply.elapsedTime });
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchChromium();
  const { context } = browser;
  try {
    const res = await fetch(`${url}/console/session`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('bench:bench password').toString('base64')}` },
    });
    const session = await res.text();
    await context.addInitScript(`sessionStorage.setItem('bulwark.session', ${JSON.stringify(session)})`);
    const page = context.pages()[0] ?? (await context.newPage());
    const slowest: Map<string, string> = new Map();
    const time = async (path: string, ready: string): Promise<number[]> => {
      const times: number[] = [];
      const perCall = new Map<string, number[]>();
      for (let i = 0; i < RUNS + 1; i++) {
        calls.length = 0;
        const start = performance.now();
        await page.goto(`${url}${path}`);
        await page.waitForFunction(ready, undefined, { timeout: 120_000 });
        if (i === 0) continue;
        times.push(performance.now() - start);
        for (const c of calls) perCall.set(c.url, [...(perCall.get(c.url) ?? []), c.ms]);
      }
      const ranked = [...perCall]
        .map(([u, ms]) => [u, ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)] ?? 0] as const)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4);
      slowest.set(path, ranked.map(([u, ms]) => `${ms.toFixed(0)} ms ${u}`).join('; '));
      return times.sort((a, b) => a - b);
    };
    const dashboard = await time(
      '/',
      `document.querySelectorAll('.widget canvas').length >= 4 && document.querySelectorAll('.label-ranking, .widget .muted').length >= 2 && [...document.querySelectorAll('.big-number')].length >= 3 && [...document.querySelectorAll('.big-number')].every((e) => !e.textContent.includes('…'))`,
    );
    const list = await time('/assets/images', `document.querySelectorAll('tbody tr').length > 0`);
    const bundle = JSON.parse(
      execFileSync(
        process.execPath,
        [new URL('../scripts/check-bundle-size.mjs', import.meta.url).pathname, '--json'],
        {
          encoding: 'utf8',
        },
      ),
    ) as { initialGzipKB: number; totalGzipKB: number; budgetKB: number };
    const median = (xs: number[]) => xs[Math.floor(xs.length / 2)] as number;
    const row = (name: string, xs: number[]): BenchRow => ({
      name,
      value: median(xs),
      unit: 'ms',
      note: `median of ${RUNS}, ${images.toLocaleString('en')} images; ${(median(xs) / TARGET_MS).toFixed(2)}× the ${TARGET_MS} ms target (${median(xs) < TARGET_MS ? 'met' : 'NOT met'})`,
    });
    const callsRow = (path: string): BenchRow => ({
      name: `  slowest server calls (${path})`,
      value: 0,
      unit: '',
      note: slowest.get(path) ?? '',
    });
    return [
      row('console: dashboard first render', dashboard),
      callsRow('/'),
      row('console: images list first render', list),
      callsRow('/assets/images'),
      {
        name: 'console: initial JS (gzip)',
        value: bundle.initialGzipKB,
        unit: 'KB',
        note: `${(bundle.initialGzipKB / bundle.budgetKB).toFixed(2)}× the ${bundle.budgetKB} KB budget; all chunks ${bundle.totalGzipKB} KB`,
      },
    ];
  } finally {
    await browser.close();
    await app.close();
    await (kept ? t.close() : t.dispose());
  }
}
