import { isRecord, maxEntriesPerFile, type ParseResult, tooManyEntries } from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';
import { parseJsonc } from './read-jsonc.js';

/**
 * Parses bun's text lockfile, `bun.lock` (lockfileVersion 0 and 1):
 * `packages` maps an install path (`debug/ms` = ms nested under debug) to
 * `["<name>@<version>", registry, { dependencies… }, integrity]`. The name in the value
 * is the real package, so aliases (`string-width-cjs` → `string-width@4.2.3`) report
 * what is installed. Workspace, file, link and git entries have no registry version
 * and are skipped. dev = reachable only from the workspaces' `devDependencies`.
 */
export function parseBunLock(text: string, path: string): ParseResult {
  const doc = parseJsonc(text, path);
  if ('unknown' in doc) return { packages: [], unknowns: [doc.unknown] };
  const entries = doc.value.packages;
  const workspaces = doc.value.workspaces;
  if (!isRecord(entries))
    return { packages: [], unknowns: [{ path, reason: 'bun.lock has no packages object' }] };
  const prod = reachable(
    entries,
    roots(workspaces, ['dependencies', 'optionalDependencies', 'peerDependencies']),
  );
  const packages: FoundPackage[] = [];
  const unknowns: ParseResult['unknowns'] = [];
  const seen = new Set<string>();
  let count = 0;
  for (const [key, value] of Object.entries(entries)) {
    if (++count > maxEntriesPerFile) {
      unknowns.push(tooManyEntries(path, Object.keys(entries).length));
      break;
    }
    const spec = Array.isArray(value) && typeof value[0] === 'string' ? splitSpec(value[0]) : undefined;
    if (!spec) {
      unknowns.push({ path, reason: `package ${key.slice(0, 80)} has no "name@version"` });
      continue;
    }
    // workspace:, file:, link:, github:, git+… : not a registry version.
    if (!/^\d/.test(spec.version)) continue;
    const id = `${spec.name}@${spec.version}`;
    const dev = !prod.has(key);
    if (seen.has(id)) {
      // The same package at several install paths is one package; prod wins over dev.
      if (!dev)
        for (const p of packages) if (p.name === spec.name && p.version === spec.version) delete p.dev;
      continue;
    }
    seen.add(id);
    packages.push({ type: 'npm', name: spec.name, version: spec.version, ...(dev ? { dev: true } : {}) });
  }
  return { packages, unknowns };
}

/** `@scope/name@1.2.3` → { name: `@scope/name`, version: `1.2.3` }. */
function splitSpec(spec: string): { name: string; version: string } | undefined {
  const at = spec.indexOf('@', 1);
  if (at <= 0 || at === spec.length - 1) return undefined;
  return { name: spec.slice(0, at), version: spec.slice(at + 1) };
}

function roots(workspaces: unknown, fields: string[]): string[] {
  const names: string[] = [];
  if (!isRecord(workspaces)) return names;
  for (const ws of Object.values(workspaces)) {
    if (!isRecord(ws)) continue;
    for (const field of fields) if (isRecord(ws[field])) names.push(...Object.keys(ws[field]));
  }
  return names;
}

/** `wrap-ansi-cjs/@scope/x/y` → [`wrap-ansi-cjs`, `@scope/x`, `y`]. */
function segments(key: string): string[] {
  const parts = key.split('/');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    out.push(parts[i]!.startsWith('@') && i + 1 < parts.length ? `${parts[i]}/${parts[++i]}` : parts[i]!);
  }
  return out;
}

/** Node's lookup: the dependency nested under the parent, else under each ancestor, else at the top. */
function resolve(entries: Record<string, unknown>, parent: string[], dep: string): string | undefined {
  for (let depth = parent.length; depth >= 0; depth--) {
    const key = [...parent.slice(0, depth), dep].join('/');
    if (key in entries) return key;
  }
  return undefined;
}

function reachable(entries: Record<string, unknown>, start: string[]): Set<string> {
  const found = new Set<string>();
  const queue: string[] = [];
  for (const name of start) {
    if (name in entries && !found.has(name)) {
      found.add(name);
      queue.push(name);
    }
  }
  while (queue.length > 0) {
    const key = queue.pop()!;
    const value = entries[key];
    const info = Array.isArray(value) ? value.find((v, i) => i > 0 && isRecord(v)) : undefined;
    if (!isRecord(info)) continue;
    const parent = segments(key);
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
      const deps = info[field];
      if (!isRecord(deps)) continue;
      for (const dep of Object.keys(deps)) {
        const target = resolve(entries, parent, dep);
        if (target && !found.has(target)) {
          found.add(target);
          queue.push(target);
        }
      }
    }
  }
  return found;
}
