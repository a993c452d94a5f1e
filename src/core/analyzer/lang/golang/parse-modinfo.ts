import type { FoundPackage } from '../../types.js';

/** One module line of Go build info: `dep <path> <version> <sum>`, maybe replaced by the next `=>` line. */
export interface GoModule {
  path: string;
  version: string;
  sum?: string;
  replace?: GoModule;
}

/** Go build info as runtime/debug.BuildInfo models it. */
export interface GoBuildInfo {
  goVersion: string;
  path: string;
  main?: GoModule;
  deps: GoModule[];
  settings: { key: string; value: string }[];
}

/**
 * Parses the module text cmd/go embeds (runtime/debug.BuildInfo.String format):
 * tab-separated lines `go`, `path`, `mod`, `dep`, `=>`, `build`. Lenient on blank
 * lines (Go 1.18-1.19 write one after each replacement) and unknown words.
 */
export function parseModInfo(goVersion: string, text: string): GoBuildInfo {
  const info: GoBuildInfo = { goVersion, path: '', deps: [], settings: [] };
  let last: GoModule | undefined;
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const word = line.slice(0, tab);
    const rest = line.slice(tab + 1);
    switch (word) {
      case 'go':
        if (!info.goVersion) info.goVersion = rest;
        break;
      case 'path':
        info.path = rest;
        break;
      case 'mod':
        info.main = toModule(rest);
        last = info.main;
        break;
      case 'dep':
        last = toModule(rest);
        info.deps.push(last);
        break;
      case '=>':
        if (last) last.replace = toModule(rest);
        last = undefined;
        break;
      case 'build': {
        const eq = rest.indexOf('=');
        if (eq > 0)
          info.settings.push({ key: unquote(rest.slice(0, eq)), value: unquote(rest.slice(eq + 1)) });
        break;
      }
    }
  }
  return info;
}

function toModule(fields: string): GoModule {
  const [path = '', version = '', sum = ''] = fields.split('\t');
  return sum ? { path, version, sum } : { path, version };
}

/** Keys and values with spaces or quotes are written as Go-quoted strings. */
function unquote(s: string): string {
  if (s.length < 2 || s[0] !== '"' || s[s.length - 1] !== '"') return s;
  try {
    return JSON.parse(s) as string;
  } catch {
    return s.slice(1, -1);
  }
}

/** `go1.22.3` → `1.22.3`; `go1.22.3 X:boringcrypto` → `1.22.3`; devel builds give undefined. */
export function stdlibVersion(goVersion: string): string | undefined {
  const first = goVersion.split(' ')[0] ?? '';
  if (!first.startsWith('go') || !/^go\d+(\.\d+)*([a-z]+\d+)?$/.test(first)) return undefined;
  return first.slice(2);
}

/** A replacement by a directory (`=> ./local`, `=> /src/x`) rather than by another module. */
export function isLocalPath(path: string): boolean {
  return (
    path.startsWith('./') || path.startsWith('../') || path.startsWith('/') || path === '.' || path === '..'
  );
}

/**
 * Packages a Go binary ships: the main module, each dependency (its replacement when
 * replaced by another module), and the standard library as `stdlib`.
 * A dependency replaced by a local directory keeps its required path and version with
 * low confidence: the code is a local copy, so advisories for that version may or may not apply.
 * A main module built from a checkout has version `(devel)`; it is kept, low confidence.
 */
export function buildInfoPackages(info: GoBuildInfo): FoundPackage[] {
  const out: FoundPackage[] = [];
  const main = info.main;
  if (main?.path && main.version) {
    out.push(
      main.version === '(devel)'
        ? { type: 'golang', name: main.path, version: main.version, confidence: 'low' }
        : { type: 'golang', name: main.path, version: main.version },
    );
  }
  for (const dep of info.deps) out.push(...modulePackages(dep));
  const std = stdlibVersion(info.goVersion);
  if (std) out.push({ type: 'golang', name: 'stdlib', version: std });
  return out;
}

function modulePackages(dep: GoModule): FoundPackage[] {
  const r = dep.replace;
  if (r && !isLocalPath(r.path) && r.version) return [{ type: 'golang', name: r.path, version: r.version }];
  if (!dep.path || !dep.version) return [];
  if (r) return [{ type: 'golang', name: dep.path, version: dep.version, confidence: 'low' }];
  return [{ type: 'golang', name: dep.path, version: dep.version }];
}
