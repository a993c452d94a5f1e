import type { PackageOrigin } from '../../../sbom/model.js';
import { maxEntriesPerFile, type ParseResult, stripBom, tooManyEntries } from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';
import { markDevOnly, type PnpmGraph } from './pnpm-dev-graph.js';

/**
 * `pnpm-lock.yaml`, read line by line: the file is YAML, but pnpm always writes it in one fixed
 * block style and a general YAML parser takes seconds per MB. Keys of `packages:` by version:
 *
 *   5.x  /name/1.2.3   /@scope/name/1.2.3_peer@2.0.0      `dev: true|false` on each entry
 *   6.x  /name@1.2.3   /@scope/name@1.2.3(peer@2.0.0)     `dev: true|false` on each entry
 *   9.x  name@1.2.3    '@scope/name@1.2.3'                no dev flag: `importers:` lists each
 *        project's dependencies/devDependencies and `snapshots:` the graph, so dev-only packages
 *        are found by walking it (see pnpm-dev-graph.ts).
 *
 * Non-registry entries (git, tarball) carry `name:` and `version:` fields, which win over the key.
 */
export function parsePnpmLock(text: string, path: string): ParseResult {
  const lines = stripBom(text).split('\n');
  const result: ParseResult = { packages: [], unknowns: [] };
  let lockVersion: number | undefined;
  let section = '';
  let malformed: string | undefined;
  const entries: PnpmEntry[] = [];
  let entry: PnpmEntry | undefined;
  const graph: PnpmGraph = { prodRoots: [], devRoots: [], edges: new Map() };
  let snapshot: string[] | undefined;
  let group = '';
  let importedName: string | undefined;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    if (line === '' || line.trimStart().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      const [key, value] = splitKey(line);
      section = key;
      if (key === 'lockfileVersion') lockVersion = Number.parseFloat(unquote(value ?? ''));
      continue;
    }
    const body = line.slice(indent);
    const [key, value] = splitKey(body);
    if (key === '') {
      // List items and wrapped flow values sit deeper; a keyless line where keys belong is damage.
      if (indent <= 4 && !body.startsWith('- ')) malformed ??= `malformed line ${i + 1}`;
      continue;
    }
    if (section === 'packages') {
      if (indent === 2) {
        if (value !== undefined && value !== '{}') malformed ??= `malformed package key at line ${i + 1}`;
        entry = { key };
        entries.push(entry);
        if (entries.length > maxEntriesPerFile) break;
      } else if (indent === 4 && entry && value !== undefined) {
        if (key === 'dev') entry.dev = value === 'true';
        else if (key === 'name') entry.name = unquote(value);
        else if (key === 'version') entry.version = unquote(value);
        else if (key === 'resolution') entry.origin = resolutionOrigin(value);
      }
    } else if (section === 'snapshots') {
      if (indent === 2) {
        snapshot = [];
        graph.edges.set(key, snapshot);
      } else if (indent === 4) group = key;
      else if (indent === 6 && snapshot && value !== undefined && isRuntimeGroup(group)) {
        snapshot.push(snapshotRef(key, unquote(value)));
      }
    } else if (section === 'importers') {
      if (indent === 4) group = key;
      else if (indent === 6) importedName = key;
      else if (indent === 8 && key === 'version' && importedName !== undefined && value !== undefined) {
        const ref = snapshotRef(importedName, unquote(value));
        if (group === 'devDependencies') graph.devRoots.push(ref);
        else if (isRuntimeGroup(group)) graph.prodRoots.push(ref);
      }
    }
  }

  if (lockVersion === undefined || Number.isNaN(lockVersion)) {
    return { packages: [], unknowns: [{ path, reason: 'not a pnpm lockfile: no lockfileVersion' }] };
  }
  const legacy = lockVersion < 6;
  const devOnly = lockVersion >= 9 && graph.edges.size > 0 ? markDevOnly(graph) : undefined;
  for (const item of entries.slice(0, maxEntriesPerFile)) {
    const found = resolveEntry(item, legacy);
    if (!found) continue;
    const pkg: FoundPackage = { type: 'npm', name: found.name, version: found.version };
    if (item.origin) pkg.origin = item.origin;
    if (item.dev === true || devOnly?.has(found.id)) pkg.dev = true;
    result.packages.push(pkg);
  }
  if (entries.length > maxEntriesPerFile)
    result.unknowns.push(tooManyEntries(path, `more than ${maxEntriesPerFile}`));
  if (malformed) result.unknowns.push({ path, reason: malformed });
  return result;
}

interface PnpmEntry {
  key: string;
  name?: string;
  version?: string;
  dev?: boolean;
  origin?: PackageOrigin;
}

/**
 * `resolution:` is `{integrity: …}` for the registry, `{tarball: URL}` for a tarball (GitHub
 * codeload included), `{commit: …, repo: …, type: git}` and `{directory: …, type: directory}`.
 */
function resolutionOrigin(flow: string): PackageOrigin | undefined {
  const fields = new Map<string, string>();
  for (const part of flow.replace(/^\{|\}$/g, '').split(', ')) {
    const sep = part.indexOf(': ');
    if (sep > 0) fields.set(part.slice(0, sep).trim(), unquote(part.slice(sep + 2).trim()));
  }
  const type = fields.get('type');
  const repo = fields.get('repo');
  if (type === 'git' && repo) {
    const commit = fields.get('commit');
    return { kind: 'git', location: commit ? `${repo}#${commit}` : repo };
  }
  const directory = fields.get('directory');
  if (type === 'directory' && directory) return { kind: 'path', location: directory };
  const tarball = fields.get('tarball');
  if (tarball && !tarball.includes('/-/')) {
    return tarball.startsWith('file:')
      ? { kind: 'path', location: tarball }
      : { kind: 'url', location: tarball };
  }
  return undefined;
}

function isRuntimeGroup(group: string): boolean {
  return group === 'dependencies' || group === 'optionalDependencies';
}

/** Resolves a `packages:` entry to name + version, plus its id (the key without peers) for the dev walk. */
function resolveEntry(
  entry: PnpmEntry,
  legacy: boolean,
): { name: string; version: string; id: string } | undefined {
  const key = unquote(entry.key);
  const bare = key.startsWith('/') ? key.slice(1) : key;
  let name: string | undefined;
  let version: string | undefined;
  if (legacy) {
    const slash = bare.lastIndexOf('/');
    if (key.startsWith('/') && slash > 0) {
      name = bare.slice(0, slash);
      version = bare.slice(slash + 1).split('_')[0];
    }
  } else {
    const at = bare.indexOf('@', 1);
    if (at > 0) {
      name = bare.slice(0, at);
      version = bare.slice(at + 1).split('(')[0];
    }
  }
  const id = name !== undefined && version !== undefined ? `${name}@${version}` : bare;
  name = entry.name ?? name;
  version = entry.version ?? version;
  // Without a registry-style version (digits first) there is nothing to match advisories against.
  if (!name || !version || !/^\d/.test(version)) return undefined;
  return { name, version, id };
}

/** A dependency reference in importers/snapshots → the snapshot key it points at. */
function snapshotRef(name: string, version: string): string {
  // An alias is written as the target `real-name@1.2.3`; plain versions start with a digit.
  const at = version.indexOf('@', 1);
  if (!/^\d/.test(version) && at > 0 && !version.slice(0, at).includes(':')) return version;
  return `${unquote(name)}@${version}`;
}

/** `key: value` / `key:` → [key, value | undefined], honouring a quoted key. */
function splitKey(text: string): [string, string | undefined] {
  const quote = text[0];
  if (quote === "'" || quote === '"') {
    const close = text.indexOf(quote, 1);
    if (close < 0 || text[close + 1] !== ':') return ['', undefined];
    const rest = text.slice(close + 2).trim();
    return [text.slice(1, close), rest === '' ? undefined : rest];
  }
  if (text.endsWith(':')) return [text.slice(0, -1), undefined];
  const sep = text.indexOf(': ');
  if (sep <= 0) return ['', undefined];
  return [text.slice(0, sep), text.slice(sep + 2).trim()];
}

function unquote(text: string): string {
  const q = text[0];
  return text.length >= 2 && (q === "'" || q === '"') && text.endsWith(q) ? text.slice(1, -1) : text;
}
