import type { PackageOrigin } from '../../../sbom/model.js';
import { maxEntriesPerFile, type ParseResult, stripBom, tooManyEntries } from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';
import { specOrigin } from './npm-origin.js';

/**
 * `yarn.lock`, both dialects, read line by line (a YAML library is far too slow for lockfiles
 * of tens of MB, and classic yarn.lock is not YAML anyway). Shapes, learned from real lockfiles:
 *
 *   classic (v1)                          berry (v2+, has `__metadata:`)
 *   "@scope/a@^1.0.0", "@scope/a@^1.1.0":  "@scope/a@npm:^1.0.0, @scope/a@npm:^1.1.0":
 *     version "1.2.3"                         version: 1.2.3
 *     resolved "https://…"                    resolution: "@scope/a@npm:1.2.3"
 *     dependencies:                           dependencies:
 *       b "^2.0.0"                              b: "npm:^2.0.0"
 *                                             linkType: hard
 *
 * Entries are separated by unindented header lines; only the two-space fields matter here.
 * yarn.lock records no dev/prod split, so `dev` is never set.
 */
export function parseYarnLock(text: string, path: string): ParseResult {
  const body = stripBom(text);
  const berry = /^__metadata:/m.test(body);
  if (!berry && !body.includes('yarn lockfile v1') && !/^\S.*:\s*$/m.test(body)) {
    return { packages: [], unknowns: [{ path, reason: 'not a yarn lockfile: no entries and no header' }] };
  }
  const result: ParseResult = { packages: [], unknowns: [] };
  const seen = new Set<string>();
  let header: string | undefined;
  let fields = new Map<string, string>();
  let malformed: string | undefined;

  const flush = (): void => {
    if (header === undefined) return;
    const found = berry ? fromBerryEntry(header, fields) : fromClassicEntry(header, fields);
    header = undefined;
    fields = new Map();
    if (found === 'no-version') {
      malformed ??= 'an entry has no version';
      return;
    }
    if (!found) return;
    const key = `${found.name}@${found.version}`;
    if (seen.has(key)) return;
    seen.add(key);
    const pkg: FoundPackage = { type: 'npm', name: found.name, version: found.version };
    if (found.origin) pkg.origin = found.origin;
    result.packages.push(pkg);
  };

  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    if (line === '' || line.startsWith('#')) continue;
    if (line.charCodeAt(0) !== 32) {
      flush();
      if (result.packages.length >= maxEntriesPerFile) {
        result.unknowns.push(tooManyEntries(path, `more than ${maxEntriesPerFile}`));
        return result;
      }
      if (line.endsWith(':') && balancedQuotes(line)) header = line.slice(0, -1);
      else malformed ??= `malformed entry header at line ${i + 1}`;
      continue;
    }
    if (header === undefined || line.startsWith('    ')) continue; // nested maps: dependencies etc.
    const field = splitField(line.slice(2), berry);
    if (field) fields.set(field[0], field[1]);
    else if (!line.endsWith(':')) malformed ??= `malformed field at line ${i + 1}`;
  }
  flush();
  if (malformed) result.unknowns.push({ path, reason: malformed });
  return result;
}

type Entry = { name: string; version: string; origin?: PackageOrigin } | 'no-version' | undefined;

function fromClassicEntry(header: string, fields: Map<string, string>): Entry {
  const spec = unquote(header.split(', ')[0]!.trim());
  const at = spec.indexOf('@', 1);
  if (at < 0) return undefined;
  let name = spec.slice(0, at);
  const range = spec.slice(at + 1);
  if (range.startsWith('npm:')) {
    // An alias, `alias@npm:real@^1.0.0`: report the real package.
    const real = range.slice(4);
    const realAt = real.indexOf('@', 1);
    if (realAt > 0) name = real.slice(0, realAt);
  }
  const version = fields.get('version');
  if (!version) return 'no-version';
  // yarn appends `#<integrity>` to registry tarball URLs; a tarball dependency keeps its URL as written.
  const origin = specOrigin(range, fields.get('resolved'));
  return origin ? { name, version, origin } : { name, version };
}

function fromBerryEntry(header: string, fields: Map<string, string>): Entry {
  if (header === '__metadata') return undefined;
  if (fields.get('linkType') === 'soft') return undefined;
  const resolution = fields.get('resolution');
  if (resolution === undefined) return 'no-version';
  const at = resolution.indexOf('@', 1);
  if (at < 0) return undefined;
  const name = resolution.slice(0, at);
  const ref = resolution.slice(at + 1);
  if (ref.startsWith('npm:')) return { name, version: ref.slice(4) };
  // patch: entries repeat a package that also has its own npm: entry; `workspace:.` is the project itself.
  if (ref.startsWith('patch:') || ref === 'workspace:.') return undefined;
  const version = fields.get('version'); // git, tarball and local sources: the manifest's version
  if (!version) return 'no-version';
  const origin = specOrigin(ref);
  return origin ? { name, version, origin } : { name, version };
}

/** `version "1.2.3"` (classic) or `version: 1.2.3` (berry) → [key, value]; undefined for `key:` alone. */
function splitField(text: string, berry: boolean): [string, string] | undefined {
  const sep = berry ? text.indexOf(': ') : text.indexOf(' ');
  if (sep <= 0) return undefined;
  const key = unquote(berry ? text.slice(0, sep) : text.slice(0, sep));
  const raw = text.slice(sep + (berry ? 2 : 1)).trim();
  if (!balancedQuotes(raw)) return undefined;
  return [key, unquote(raw)];
}

function balancedQuotes(text: string): boolean {
  let count = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) if (text[i - 1] !== '\\') count++;
  return count % 2 === 0;
}

function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}
