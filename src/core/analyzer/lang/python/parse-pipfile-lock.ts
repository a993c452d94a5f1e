import type { PackageOrigin } from '../../../sbom/model.js';
import {
  isRecord,
  maxEntriesPerFile,
  type ParseResult,
  parseJsonObject,
  stringField,
  tooManyEntries,
} from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';
import { normalizePythonName } from './python-paths.js';

/**
 * `Pipfile.lock` (pipenv): JSON with `default` (runtime) and `develop` (dev) maps of
 * `name → { version: "==1.2.3", hashes, markers }`. Git, path and file entries have no
 * `version`: they are reported with their origin (a git one with its ref as the version, the
 * others with none). A package in both sections is a runtime package.
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
      if (!isRecord(entry)) continue;
      const origin = entryOrigin(entry);
      const pinned =
        typeof entry.version === 'string' && entry.version.startsWith('==') ? entry.version : undefined;
      if (!pinned && !origin) continue;
      const name = normalizePythonName(rawName);
      if (dev && runtime.has(name)) continue;
      if (result.packages.length >= maxEntriesPerFile) {
        result.unknowns.push(tooManyEntries(path, `more than ${maxEntriesPerFile}`));
        return result;
      }
      const version =
        pinned?.replace(/^===?/, '') ?? (origin?.kind === 'git' ? (stringField(entry, 'ref') ?? '') : '');
      const pkg: FoundPackage = { type: 'pypi', name, version };
      if (origin) pkg.origin = origin;
      if (dev) pkg.dev = true;
      else runtime.add(name);
      result.packages.push(pkg);
    }
  }
  return result;
}

/** `{ git, ref }`, `{ path }`, `{ file }` (a local file or a URL): where a non-index package came from. */
function entryOrigin(entry: Record<string, unknown>): PackageOrigin | undefined {
  const git = stringField(entry, 'git');
  if (git) {
    const ref = stringField(entry, 'ref');
    return { kind: 'git', location: ref ? `${git}#${ref}` : git };
  }
  const path = stringField(entry, 'path');
  if (path) return { kind: 'path', location: path };
  const file = stringField(entry, 'file');
  if (file)
    return /^https?:\/\//.test(file) ? { kind: 'url', location: file } : { kind: 'path', location: file };
  return undefined;
}
