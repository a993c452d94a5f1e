import type { PackageOrigin } from '../../../sbom/model.js';
import {
  isRecord,
  maxEntriesPerFile,
  type ParseResult,
  stringField,
  tooManyEntries,
} from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';
import { readPackageTables } from './parse-toml-lock.js';
import { normalizePythonName } from './python-paths.js';

/**
 * `poetry.lock`: one `[[package]]` table per locked distribution. Poetry before 1.5 wrote
 * `category = "main" | "dev"`; Poetry 2 writes `groups = ["main", "dev"]`; 1.5–1.8 write
 * neither (the lock no longer knows groups, so nothing is marked dev). `[package.source]`
 * says where a non-PyPI package came from: `git`, `url`, `file`, `directory` become its
 * origin; `legacy` (a private index) is a registry like PyPI.
 */
export function parsePoetryLock(text: string, path: string): ParseResult {
  const read = readPackageTables(text, path);
  if ('unknown' in read) return { packages: [], unknowns: [read.unknown] };
  const result: ParseResult = { packages: [], unknowns: [] };
  for (const table of read.tables) {
    const name = stringField(table, 'name');
    const version = stringField(table, 'version');
    if (!name || !version) {
      result.unknowns.push({ path, reason: 'a [[package]] table has no name or version' });
      continue;
    }
    if (result.packages.length >= maxEntriesPerFile) {
      result.unknowns.push(tooManyEntries(path, read.tables.length));
      break;
    }
    const pkg: FoundPackage = { type: 'pypi', name: normalizePythonName(name), version };
    if (isDev(table)) pkg.dev = true;
    const origin = sourceOrigin(table.source);
    if (origin) pkg.origin = origin;
    result.packages.push(pkg);
  }
  return result;
}

function sourceOrigin(source: unknown): PackageOrigin | undefined {
  if (!isRecord(source)) return undefined;
  const url = stringField(source, 'url');
  if (!url) return undefined;
  switch (source.type) {
    case 'git': {
      const commit = stringField(source, 'resolved_reference') ?? stringField(source, 'reference');
      return { kind: 'git', location: commit ? `${url}#${commit}` : url };
    }
    case 'url':
      return { kind: 'url', location: url };
    case 'file':
    case 'directory':
      return { kind: 'path', location: url };
    default:
      return undefined;
  }
}

function isDev(table: Record<string, unknown>): boolean {
  if (table.category === 'dev') return true;
  const groups = table.groups;
  return Array.isArray(groups) && groups.length > 0 && !groups.includes('main');
}
