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
import { npmLicenses } from './npm-license.js';
import { resolvedOrigin, specOrigin } from './npm-origin.js';

/**
 * `package-lock.json` / `npm-shrinkwrap.json`. Version 2 and 3 files carry a flat `packages`
 * map keyed by install path, which is authoritative when present; version 1 files only have
 * the nested `dependencies` tree (v2 carries both, for npm 6).
 */
export function parsePackageLock(text: string, path: string): ParseResult {
  const parsed = parseJsonObject(text, path);
  if ('unknown' in parsed) return { packages: [], unknowns: [parsed.unknown] };
  const lock = parsed.value;
  if (isRecord(lock.packages)) return fromPackagesMap(lock.packages, path);
  if (isRecord(lock.dependencies)) return fromDependencyTree(lock.dependencies, path);
  if (typeof lock.lockfileVersion !== 'number') {
    return { packages: [], unknowns: [{ path, reason: 'not a package-lock: no lockfileVersion' }] };
  }
  return { packages: [], unknowns: [] }; // a project with no dependencies
}

const nodeModules = 'node_modules/';

function fromPackagesMap(entries: Record<string, unknown>, path: string): ParseResult {
  const result: ParseResult = { packages: [], unknowns: [] };
  let seen = 0;
  const keys = Object.keys(entries);
  for (const key of keys) {
    const entry = entries[key];
    // "" is the project itself; keys without node_modules/ are workspace folders (its own code).
    const at = key.lastIndexOf(nodeModules);
    if (at < 0 || !isRecord(entry)) continue;
    // A link entry points at a folder of the project (a workspace, a `file:` directory) that has
    // its own key, without node_modules/, holding its version: the project's own code.
    const linked = entry.link === true ? linkTarget(entries, entry) : undefined;
    if (entry.link === true && !linked) continue;
    const name = stringField(entry, 'name') ?? key.slice(at + nodeModules.length);
    const version = linked ? stringField(linked.entry, 'version') : stringField(entry, 'version');
    if (version === undefined || name === '') continue;
    if (++seen > maxEntriesPerFile) {
      result.unknowns.push(tooManyEntries(path, keys.length));
      break;
    }
    const pkg: FoundPackage = { type: 'npm', name, version };
    const origin = linked
      ? { kind: 'path' as const, location: linked.path }
      : resolvedOrigin(stringField(entry, 'resolved'));
    if (origin) pkg.origin = origin;
    const licenses = npmLicenses(entry);
    if (licenses) pkg.licenses = licenses;
    // `devOptional` means dev for some dependents and optional for production ones: it may
    // well be installed in production, so only a plain `dev` counts.
    if (entry.dev === true) pkg.dev = true;
    result.packages.push(pkg);
  }
  return result;
}

function linkTarget(
  entries: Record<string, unknown>,
  link: Record<string, unknown>,
): { path: string; entry: Record<string, unknown> } | undefined {
  const path = stringField(link, 'resolved');
  const target = path === undefined ? undefined : entries[path];
  return path !== undefined && isRecord(target) ? { path, entry: target } : undefined;
}

function fromDependencyTree(root: Record<string, unknown>, path: string): ParseResult {
  const result: ParseResult = { packages: [], unknowns: [] };
  // An explicit stack: a deep tree must not exhaust the call stack.
  const stack: Record<string, unknown>[] = [root];
  while (stack.length > 0) {
    const level = stack.pop()!;
    for (const key in level) {
      const entry = level[key];
      if (!isRecord(entry)) continue;
      if (isRecord(entry.dependencies)) stack.push(entry.dependencies);
      const found = resolveV1(key, stringField(entry, 'version'));
      if (!found) continue;
      if (result.packages.length >= maxEntriesPerFile) {
        result.unknowns.push(tooManyEntries(path, `more than ${maxEntriesPerFile}`));
        return result;
      }
      const pkg: FoundPackage = { type: 'npm', name: found.name, version: found.version };
      if (found.origin) pkg.origin = found.origin;
      if (entry.dev === true) pkg.dev = true;
      result.packages.push(pkg);
    }
  }
  return result;
}

/**
 * Version 1 writes the resolved spec as the version for non-registry installs: `npm:real@1.2.3`
 * for aliases (reported as the real package), `file:`, `git+…`, `https://…` for the rest. Those
 * have no registry version: they are reported with their origin, a git one with its commit as
 * the version, the others with none (the applier then records that no version is known).
 */
function resolveV1(
  key: string,
  version: string | undefined,
): { name: string; version: string; origin?: PackageOrigin } | undefined {
  if (version === undefined) return undefined;
  if (version.startsWith('npm:')) {
    const spec = version.slice(4);
    const at = spec.lastIndexOf('@');
    return at > 0 ? { name: spec.slice(0, at), version: spec.slice(at + 1) } : undefined;
  }
  if (version.includes(':')) {
    const origin = specOrigin(version) ?? { kind: 'url', location: version };
    const hash = version.lastIndexOf('#');
    const commit = origin.kind === 'git' && hash > 0 ? version.slice(hash + 1) : '';
    return { name: key, version: commit, origin };
  }
  return { name: key, version };
}
