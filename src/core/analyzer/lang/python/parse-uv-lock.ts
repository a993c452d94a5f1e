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
 * `uv.lock`: `[[package]]` tables with `name`, `version`, `source`. The project itself (and
 * workspace members) have an `editable`/`virtual` source and are skipped. uv records dev
 * groups only on those roots (`[package.dev-dependencies]`), so a package is dev when it is
 * reachable from a root's dev groups but not from its runtime (and optional) dependencies.
 */
export function parseUvLock(text: string, path: string): ParseResult {
  const read = readPackageTables(text, path);
  if ('unknown' in read) return { packages: [], unknowns: [read.unknown] };
  const result: ParseResult = { packages: [], unknowns: [] };
  const roots = read.tables.filter(isProjectRoot);
  const edges = new Map<string, string[]>();
  for (const table of read.tables) {
    const name = stringField(table, 'name');
    if (name)
      edges.set(normalizePythonName(name), [
        ...refs(table.dependencies),
        ...groupRefs(table['optional-dependencies']),
      ]);
  }
  const prod = reach(
    roots.flatMap((r) => [...refs(r.dependencies), ...groupRefs(r['optional-dependencies'])]),
    edges,
  );
  const dev = reach(
    roots.flatMap((r) => groupRefs(r['dev-dependencies'])),
    edges,
  );

  for (const table of read.tables) {
    const name = stringField(table, 'name');
    const version = stringField(table, 'version');
    if (isProjectRoot(table)) continue;
    if (!name || !version) {
      result.unknowns.push({ path, reason: 'a [[package]] table has no name or version' });
      continue;
    }
    if (result.packages.length >= maxEntriesPerFile) {
      result.unknowns.push(tooManyEntries(path, read.tables.length));
      break;
    }
    const normalized = normalizePythonName(name);
    const pkg: FoundPackage = { type: 'pypi', name: normalized, version };
    if (dev.has(normalized) && !prod.has(normalized)) pkg.dev = true;
    const origin = sourceOrigin(table.source);
    if (origin) pkg.origin = origin;
    result.packages.push(pkg);
  }
  return result;
}

/** `source = { git = … }`, `{ url = … }`, `{ path = … }`, `{ directory = … }`; `{ registry = … }` is an index. */
function sourceOrigin(source: unknown): PackageOrigin | undefined {
  if (!isRecord(source)) return undefined;
  const git = stringField(source, 'git');
  if (git) return { kind: 'git', location: git };
  const url = stringField(source, 'url');
  if (url) return { kind: 'url', location: url };
  const local = stringField(source, 'path') ?? stringField(source, 'directory');
  return local ? { kind: 'path', location: local } : undefined;
}

function isProjectRoot(table: Record<string, unknown>): boolean {
  const source = table.source;
  return isRecord(source) && ('editable' in source || 'virtual' in source);
}

/** `[{ name = "x", marker = "…" }, …]` → normalized names. */
function refs(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) =>
    isRecord(item) && typeof item.name === 'string' ? [normalizePythonName(item.name)] : [],
  );
}

/** `{ group = [ { name = … } ] }` → every name in every group. */
function groupRefs(groups: unknown): string[] {
  return isRecord(groups) ? Object.values(groups).flatMap(refs) : [];
}

function reach(roots: string[], edges: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const next of edges.get(name) ?? []) queue.push(next);
  }
  return seen;
}
