import { existsSync } from 'node:fs';
import { Command } from 'commander';
import type { DbStatus } from '../../core/advisory/db-types.js';
import { BulwarkError } from '../../core/errors.js';
import { dbPathFromFlag } from '../db-flag.js';
import { formatAge } from '../format.js';
import { emit } from '../output.js';
import { version } from '../version.js';

interface VersionReport {
  version: string;
  node: string;
  db:
    | { path: string; present: false }
    | ({ present: true } & Pick<
        DbStatus,
        | 'path'
        | 'schemaVersion'
        | 'updatedAt'
        | 'ageSeconds'
        | 'recordCount'
        | 'withdrawnCount'
        | 'ecosystems'
      >);
}

async function collect(dbFlag: string | undefined): Promise<VersionReport> {
  const path = dbPathFromFlag(dbFlag);
  const base = { version, node: process.version };
  if (!existsSync(path)) return { ...base, db: { path, present: false } };
  // SQLite loads only here: `bulwark --version` stays light.
  const { AdvisoryStore } = await import('../../core/advisory/store.js');
  const store = AdvisoryStore.open(path);
  try {
    const s = store.status();
    return {
      ...base,
      db: {
        present: true,
        path: s.path,
        schemaVersion: s.schemaVersion,
        updatedAt: s.updatedAt,
        ageSeconds: s.ageSeconds,
        recordCount: s.recordCount,
        withdrawnCount: s.withdrawnCount,
        ecosystems: s.ecosystems,
      },
    };
  } finally {
    store.close();
  }
}

function text(report: VersionReport): string {
  const lines = [`Version: ${report.version} (node ${report.node})`, 'Vulnerability DB:'];
  const { db } = report;
  if (!db.present) {
    lines.push(`  Path:     ${db.path} (none yet: \`bulwark db update\`, or \`bulwark db import\` offline)`);
    return lines.join('\n');
  }
  lines.push(
    `  Path:     ${db.path} (schema ${db.schemaVersion})`,
    `  Updated:  ${db.updatedAt} (${formatAge(db.ageSeconds)} ago)`,
    `  Records:  ${db.recordCount} (${db.withdrawnCount} withdrawn)`,
  );
  const ecosystems = Object.entries(db.ecosystems).map(([name, n]) => `${name} ${n}`);
  if (ecosystems.length > 0) lines.push(`  By ecosystem: ${ecosystems.join(', ')}`);
  return lines.join('\n');
}

/** `bulwark version`: the tool's version and the database's age and size, as `trivy version` shows. */
export function versionCommand(): Command {
  return new Command('version')
    .description('show the version, and the vulnerability database: path, age and record counts')
    .option('--db <path>', 'database file (default: $BULWARK_DB_DIR/vuln.db or ~/.cache/bulwark/db/vuln.db)')
    .option('-f, --format <format>', 'table or json', (v: string) => v.toLowerCase(), 'table')
    .action(async (flags: { db?: string; format: string }) => {
      if (flags.format !== 'table' && flags.format !== 'json')
        throw new BulwarkError('USAGE', `--format "${flags.format}": expected table or json`);
      const report = await collect(flags.db);
      await emit(flags.format === 'json' ? JSON.stringify(report, null, 2) : text(report), undefined);
    });
}
