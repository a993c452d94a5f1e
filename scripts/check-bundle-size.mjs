#!/usr/bin/env node
/**
 * The console's bundle budget: the JavaScript a first visit downloads (the entry script
 * plus the chunks index.html preloads) must stay under BUDGET_KB gzipped. Lazy chunks
 * (charts, detail views) are reported, not budgeted. `--json` prints the numbers for the bench.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 350;
const dist = new URL('../web/dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/(static\/[^"]+\.js)"/g)].map((m) => m[1]);
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const initialBytes = initial.reduce((n, f) => n + gz(f), 0);
const all = readdirSync(join(dist, 'static')).filter((f) => f.endsWith('.js'));
const totalBytes = all.reduce((n, f) => n + gz(`static/${f}`), 0);
const result = {
  initialFiles: initial,
  initialGzipKB: Math.round(initialBytes / 102.4) / 10,
  totalGzipKB: Math.round(totalBytes / 102.4) / 10,
  budgetKB: BUDGET_KB,
};
if (process.argv.includes('--json')) console.log(JSON.stringify(result));
else
  console.log(
    `console bundle: initial JS ${result.initialGzipKB} KB gzip (budget ${BUDGET_KB} KB), all JS ${result.totalGzipKB} KB gzip`,
  );
if (initial.length === 0 || result.initialGzipKB > BUDGET_KB) {
  console.error(
    initial.length === 0
      ? 'error[BUNDLE_BUDGET]: no entry script found in web/dist/index.html'
      : `error[BUNDLE_BUDGET]: initial JS is ${result.initialGzipKB} KB gzip, over the ${BUDGET_KB} KB budget`,
  );
  process.exit(1);
}
