import {
  isRecord,
  maxEntriesPerFile,
  type ParseResult,
  parseJsonObject,
  tooManyEntries,
} from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';
import { normalizePythonName } from './python-paths.js';

/**
 * `Pipfile.lock` (pipenv): JSON with `default` (runtime) and `develop` (dev) maps of
 * `name → { version: "==1.2.3", hashes, markers }`. Git and path entries have no `version`
 * and are skipped. A package in both sections is a runtime package.
 */
export function parsePipfileLock(text: string, path: string): ParseResult {
  const parsed = parseJsonObject(text, path);
  if ('unknown' in parsed) return { packages: [], unknowns: [parsed.unknown] };
  const lock = parsed.value;
  if (!isRecord(lock.default) && !isRecord(lock.develop)) {
    return {
      packages: [],
      unknowns: [{ path, reason: 'not a Pipfile.lock: no default or develop section' }],
    };
  }
  const result: ParseResult = { packages: [], unknowns: [] };
  const runtime = new Set<string>();
  for (const [section, dev] of [
    ['default', false],
    ['develop', true],
  ] as const) {
    const entries = lock[section];
    if (!isRecord(entries)) continue;
    for (const [rawName, entry] of Object.entries(entries)) {
      if (!isRecord(entry) || typeof entry.version !== 'string' || !entry.version.startsWith('==')) continue;
      const name = normalizePythonName(rawName);
      if (dev && runtime.has(name)) continue;
      if (result.packages.length >= maxEntriesPerFile) {
        result.unknowns.push(tooManyEntries(path, `more than ${maxEntriesPerFile}`));
        return result;
      }
      const pkg: FoundPackage = { type: 'pypi', name, version: entry.version.replace(/^===?/, '') };
      if (dev) pkg.dev = true;
      else runtime.add(name);
      result.packages.push(pkg);
    }
  }
  return result;
}
