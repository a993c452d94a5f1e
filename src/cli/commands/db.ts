import { Command } from 'commander';
import type { AdvisoryProgress, DbStatus } from '../../core/advisory/db-types.js';
import { defaultUpdateEcosystems, defaultUpdateSource } from '../../core/advisory/ecosystems.js';
import { AdvisoryStore } from '../../core/advisory/store.js';
import { BulwarkError } from '../../core/errors.js';
import { dbPathFromFlag } from '../db-flag.js';
import { parseDuration } from '../duration.js';
import { formatAge, formatBytes } from '../format.js';
import { emit, isQuiet, warn } from '../output.js';

interface UpdateFlags {
  db?: string;
  ecosystem: string[];
  source?: string;
  proxy?: string;
  timeout: string;
  retries: string;
  full?: boolean;
  replace?: boolean;
  feed: string[];
}

const collect = (value: string, previous: string[]): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

function count(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min)
    throw new BulwarkError('USAGE', `${flag} "${value}": expected a number ≥ ${min}`);
  return n;
}

const dbPathOf = (flags: { db?: string }): string => dbPathFromFlag(flags.db);

/** A one-line bar on stderr when it is a terminal; nothing in pipes and CI logs. */
function progressBar(): ((event: AdvisoryProgress) => void) | undefined {
  if (!process.stderr.isTTY || isQuiet()) return undefined;
  let last = 0;
  return (event) => {
    const now = Date.now();
    if (now - last < 100 && event.phase !== 'write' && event.phase !== 'retry') return;
    last = now;
    let line: string;
    if (event.phase === 'download') {
      const total = event.totalBytes;
      const filled = total ? Math.round((event.bytes / total) * 30) : 0;
      const bar = total ? `[${'#'.repeat(filled)}${' '.repeat(30 - filled)}] ` : '';
      line = `${event.ecosystem} ${bar}${formatBytes(event.bytes)}${total ? ` / ${formatBytes(total)}` : ''}`;
    } else if (event.phase === 'retry') {
      const seconds = Math.max(1, Math.round(event.delayMs / 1000));
      line = `${event.ecosystem}: ${event.reason}; retry ${event.attempt} of ${event.retries} in ${seconds} s`;
      // A retry line stays on screen: it explains the wait that follows.
      process.stderr.write(`\r\x1b[K${line}\n`);
      return;
    } else if (event.phase === 'read') line = `indexing: ${event.records} records`;
    else line = `writing database: ${event.records} records`;
    process.stderr.write(`\r\x1b[K${line}${event.phase === 'write' ? '\n' : ''}`);
  };
}

/** Human-readable `db status`. */
export function formatStatus(status: DbStatus): string {
  const lines = [
    `database  ${status.path} (${formatBytes(status.sizeBytes)}, schema ${status.schemaVersion})`,
    `updated   ${status.updatedAt} (${formatAge(status.ageSeconds)} ago)`,
    `records   ${status.recordCount} (${status.withdrawnCount} withdrawn)`,
    '',
    'ECOSYSTEM            RECORDS',
  ];
  for (const [family, n] of Object.entries(status.ecosystems))
    lines.push(`${family.padEnd(20)} ${String(n).padStart(7)}`);
  lines.push('', 'SOURCE                     RECORDS  UPDATED                   LOCATION');
  for (const s of status.sources) {
    lines.push(
      `${s.name.padEnd(26)} ${String(s.recordCount).padStart(7)}  ${s.updatedAt.padEnd(24)}  ${s.location}`,
    );
  }
  return lines.join('\n');
}

function updateCommand(): Command {
  return new Command('update')
    .description(
      'download OSV archives (<source>/<Ecosystem>/all.zip) and rebuild the database atomically\n\n' +
        `Default ecosystems: ${defaultUpdateEcosystems.join(', ')}.\n` +
        'Unchanged archives (ETag / Last-Modified) are not downloaded again. HTTPS_PROXY,\n' +
        'HTTP_PROXY and NO_PROXY are honoured; --proxy overrides them.',
    )
    .option('--db <path>', 'database file (default: $BULWARK_DB_DIR/vuln.db or ~/.cache/bulwark/db/vuln.db)')
    .option('-e, --ecosystem <name>', 'OSV ecosystem to fetch; repeat or comma-separate', collect, [])
    .option(
      '--source <url|dir>',
      `mirror base URL or local directory (default: $BULWARK_DB_SOURCE or ${defaultUpdateSource})`,
    )
    .option('--proxy <url>', 'HTTP(S) proxy for downloads')
    .option('--timeout <duration>', 'give up on a request silent for this long: seconds or 90s, 5m', '60')
    .option('--retries <n>', 'retries after a network error, timeout or 5xx', '4')
    .option('--full', 'ignore ETag/Last-Modified and download everything')
    .option('--replace', 'drop every other source (and imports) instead of keeping them')
    .option(
      '--feed <name=dir|file|url>',
      'convert a vendor feed OSV lacks (amazon-linux-2, amazon-linux-2023, oracle-linux[-8], bottlerocket); repeatable. Alone, only the feeds run',
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .action(async (flags: UpdateFlags) => {
      const progress = progressBar();
      const source = flags.source ?? process.env.BULWARK_DB_SOURCE;
      // Loaded here, not at start-up: the updater brings the HTTP client and the OSV readers.
      const { updateAdvisories } = await import('../../core/advisory/update.js');
      const summary = await updateAdvisories(dbPathOf(flags), {
        ecosystems: flags.ecosystem,
        ...(source ? { source } : {}),
        ...(flags.proxy ? { proxy: flags.proxy } : {}),
        timeoutMs: parseDuration(flags.timeout),
        retries: count('--retries', flags.retries, 0),
        full: flags.full === true,
        replace: flags.replace === true,
        feeds: flags.feed,
        ...(progress ? { onProgress: progress } : {}),
      });
      for (const message of summary.warnings) warn(message);
      const lines = summary.ecosystems.map((e) =>
        e.status === 'updated'
          ? `${e.ecosystem}: updated, ${e.records} records (${formatBytes(e.bytes)})`
          : `${e.ecosystem}: not modified, ${e.records} records kept`,
      );
      for (const f of summary.feeds)
        lines.push(
          f.status === 'updated'
            ? `feed ${f.feed}: updated, ${f.records} records from ${f.location}`
            : `feed ${f.feed}: nothing read, ${f.records} records kept (see warnings)`,
        );
      if (summary.skipped > 0) lines.push(`skipped ${summary.skipped} records (see warnings)`);
      lines.push(`database ${summary.dbPath}: ${summary.totalRecords} records`);
      await emit(lines.join('\n'), undefined);
    });
}

function importCommand(): Command {
  return new Command('import')
    .description(
      'load OSV records offline: JSON files (one record or an array), YAML files,\n' +
        'directories (recursive) and zip archives\n\n' +
        'A damaged file fails the whole import and leaves the database untouched; a record\n' +
        'with an ecosystem OSV does not define is skipped with a warning.',
    )
    .argument('<path...>', 'files, directories or zip archives')
    .option('--db <path>', 'database file (default: $BULWARK_DB_DIR/vuln.db or ~/.cache/bulwark/db/vuln.db)')
    .option('--replace', 'start from an empty database instead of adding to the current one')
    .action(async (paths: string[], flags: { db?: string; replace?: boolean }) => {
      const progress = progressBar();
      const { importAdvisories } = await import('../../core/advisory/import.js');
      const summary = await importAdvisories(dbPathOf(flags), paths, {
        replace: flags.replace === true,
        ...(progress ? { onProgress: progress } : {}),
      });
      for (const message of summary.warnings) warn(message);
      const skipped = summary.skipped > 0 ? `, skipped ${summary.skipped}` : '';
      await emit(
        `imported ${summary.imported} records from ${summary.files} files${skipped}\n` +
          `database ${summary.dbPath}: ${summary.totalRecords} records`,
        undefined,
      );
    });
}

function statusCommand(): Command {
  return new Command('status')
    .description('show the database: path, size, age, records per ecosystem and sources')
    .option('--db <path>', 'database file (default: $BULWARK_DB_DIR/vuln.db or ~/.cache/bulwark/db/vuln.db)')
    .option('--json', 'print JSON')
    .action(async (flags: { db?: string; json?: boolean }) => {
      const store = AdvisoryStore.open(dbPathOf(flags));
      try {
        const status = store.status();
        await emit(flags.json ? JSON.stringify(status, null, 2) : formatStatus(status), undefined);
      } finally {
        store.close();
      }
    });
}

/** `bulwark db update|import|status`. */
export function dbCommand(): Command {
  return new Command('db')
    .description('manage the vulnerability database (OSV advisories)')
    .addCommand(updateCommand())
    .addCommand(importCommand())
    .addCommand(statusCommand());
}
