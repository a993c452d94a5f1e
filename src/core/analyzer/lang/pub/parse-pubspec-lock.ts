import { parse } from 'yaml';
import { isRecord, maxEntriesPerFile, type ParseResult, tooManyEntries } from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';

/**
 * Parses Dart/Flutter's `pubspec.lock`: `packages.<name>` with `dependency` (`direct main`,
 * `direct dev`, `direct overridden`, `transitive`), `source` and `version`. Only `hosted`
 * packages have a registry version; `sdk` (flutter), `path` and `git` ones are skipped.
 * `direct dev` → dev (a transitive dependency of a dev one is not marked: the file does
 * not say whose it is).
 */
export function parsePubspecLock(text: string, path: string): ParseResult {
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100 });
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    return { packages: [], unknowns: [{ path, reason: `malformed YAML: ${message.slice(0, 120)}` }] };
  }
  if (!isRecord(doc) || !isRecord(doc.packages)) {
    return { packages: [], unknowns: [{ path, reason: 'not a pubspec.lock: no packages map' }] };
  }
  const packages: FoundPackage[] = [];
  const unknowns: ParseResult['unknowns'] = [];
  for (const [name, entry] of Object.entries(doc.packages)) {
    if (packages.length >= maxEntriesPerFile) {
      unknowns.push(tooManyEntries(path, Object.keys(doc.packages).length));
      break;
    }
    if (!isRecord(entry) || entry.source !== 'hosted') continue;
    const version = entry.version;
    if (typeof version !== 'string' || version === '') {
      unknowns.push({ path, reason: `hosted package ${name.slice(0, 60)} has no version` });
      continue;
    }
    const described =
      isRecord(entry.description) && typeof entry.description.name === 'string'
        ? entry.description.name
        : name;
    const dev = entry.dependency === 'direct dev';
    packages.push({ type: 'pub', name: described, version, ...(dev ? { dev: true } : {}) });
  }
  return { packages, unknowns };
}
