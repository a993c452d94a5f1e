import { isRecord, type ParseResult } from '../../parse-result.js';
import { parseTomlTable } from '../../parse-toml.js';
import type { FoundPackage } from '../../types.js';
import { normalizePythonName } from '../python/python-paths.js';

/**
 * Parses a PEP 751 lockfile (`pylock.toml`, `pylock.<name>.toml`): `[[packages]]` tables
 * with `name` and `version`. Entries without a version are local directories, archives
 * or VCS checkouts (`directory`, `archive`, `vcs` tables) and are skipped: they have no
 * index version an advisory could name. A `lock-version` other than 1.x is an unknown,
 * as the PEP tells tools to refuse a major version they do not know.
 */
export function parsePylock(text: string, path: string): ParseResult {
  const parsed = parseTomlTable(text, path, '[[packages]]');
  if ('unknown' in parsed) return { packages: [], unknowns: [parsed.unknown] };
  const doc = parsed.value;
  const lockVersion = doc['lock-version'];
  if (typeof lockVersion !== 'string' || !/^1(\.|$)/.test(lockVersion)) {
    return {
      packages: [],
      unknowns: [{ path, reason: `unsupported lock-version ${String(lockVersion).slice(0, 20)}` }],
    };
  }
  const list = doc.packages;
  if (list === undefined) return { packages: [], unknowns: [] };
  if (!Array.isArray(list))
    return { packages: [], unknowns: [{ path, reason: '`packages` is not an array of tables' }] };
  const packages: FoundPackage[] = [];
  let nameless = 0;
  for (const table of list) {
    if (!isRecord(table) || typeof table.name !== 'string' || table.name === '') {
      nameless++;
      continue;
    }
    if (typeof table.version !== 'string' || table.version === '') continue;
    packages.push({ type: 'pypi', name: normalizePythonName(table.name), version: table.version });
  }
  const unknowns = nameless > 0 ? [{ path, reason: `${nameless} [[packages]] entries without a name` }] : [];
  return { packages, unknowns };
}
