import {
  isRecord,
  maxEntriesPerFile,
  type ParseResult,
  parseJsonObject,
  parseJsonValue,
  stringField,
  tooManyEntries,
} from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';

/**
 * `vendor/composer/installed.json`: Composer 1 writes a bare array of packages; Composer 2
 * writes `{ "packages": [...], "dev": bool, "dev-package-names": [...] }`.
 */
export function parseInstalledJson(text: string, path: string): ParseResult {
  const parsed = parseJsonValue(text, path);
  if ('unknown' in parsed) return { packages: [], unknowns: [parsed.unknown] };
  const value = parsed.value;
  if (Array.isArray(value)) return fromList(value, new Set(), path);
  if (isRecord(value) && Array.isArray(value.packages)) {
    const devNames = Array.isArray(value['dev-package-names']) ? value['dev-package-names'] : [];
    return fromList(value.packages, new Set(devNames.filter((n) => typeof n === 'string')), path);
  }
  return { packages: [], unknowns: [{ path, reason: 'not a Composer installed.json: no packages list' }] };
}

/** `composer.lock`: `packages` (runtime) and `packages-dev` (require-dev). */
export function parseComposerLock(text: string, path: string): ParseResult {
  const parsed = parseJsonObject(text, path);
  if ('unknown' in parsed) return { packages: [], unknowns: [parsed.unknown] };
  const lock = parsed.value;
  if (!Array.isArray(lock.packages)) {
    return { packages: [], unknowns: [{ path, reason: 'not a composer.lock: no packages list' }] };
  }
  const runtime = fromList(lock.packages, new Set(), path);
  const dev = Array.isArray(lock['packages-dev']) ? fromList(lock['packages-dev'], 'all', path) : undefined;
  if (!dev) return runtime;
  const packages = [...runtime.packages, ...dev.packages];
  const unknowns = [...runtime.unknowns, ...dev.unknowns];
  if (packages.length > maxEntriesPerFile) {
    return {
      packages: packages.slice(0, maxEntriesPerFile),
      unknowns: [tooManyEntries(path, packages.length)],
    };
  }
  return { packages, unknowns };
}

/**
 * Versions are kept as written (`v5.4.0`, `dev-main`, `1.2.3`): that is what Packagist and the
 * advisories (FriendsOfPHP, GHSA) use; `version_normalized` is Composer-internal.
 */
function fromList(list: unknown[], dev: Set<unknown> | 'all', path: string): ParseResult {
  const result: ParseResult = { packages: [], unknowns: [] };
  let incomplete = 0;
  for (const item of list) {
    const name = isRecord(item) ? stringField(item, 'name') : undefined;
    const version = isRecord(item) ? stringField(item, 'version') : undefined;
    if (!isRecord(item) || !name || !version) {
      incomplete++;
      continue;
    }
    if (result.packages.length >= maxEntriesPerFile) {
      result.unknowns.push(tooManyEntries(path, list.length));
      break;
    }
    const pkg: FoundPackage = { type: 'composer', name, version };
    const licenses = licenseList(item.license);
    if (licenses) pkg.licenses = licenses;
    if (dev === 'all' || dev.has(name)) pkg.dev = true;
    // A `path` repository package is the project's own code. (A `vcs` repository package looks
    // like a Packagist one in the lock, so it cannot be told apart and is matched as one.)
    const dist = item.dist;
    const local = isRecord(dist) && dist.type === 'path' ? stringField(dist, 'url') : undefined;
    if (local) pkg.origin = { kind: 'path', location: local };
    result.packages.push(pkg);
  }
  if (incomplete > 0) result.unknowns.push({ path, reason: `${incomplete} entries have no name or version` });
  return result;
}

function licenseList(value: unknown): string[] | undefined {
  const list = (Array.isArray(value) ? value : [value]).filter(
    (l): l is string => typeof l === 'string' && l !== '',
  );
  return list.length > 0 ? list : undefined;
}
