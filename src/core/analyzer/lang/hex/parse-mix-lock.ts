import { maxEntriesPerFile, type ParseResult, tooManyEntries } from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';

/**
 * Parses Elixir's `mix.lock`, an Elixir map literal with one entry per line:
 * `"key": {:hex, :package, "version", "inner checksum", [managers], [deps], "repo", "outer checksum"},`.
 * The package is the atom after `:hex` (the key may be an alias); `:git` and `:path`
 * entries have no Hex version and are skipped. Read line by line, never evaluated.
 * mix.lock has no dev information.
 */
const hexEntry = /^\s*"[^"]+"\s*:\s*\{\s*:hex\s*,\s*:(?:"([^"]+)"|([A-Za-z_][\w]*))\s*,\s*"([^"]+)"/;

export function parseMixLock(text: string, path: string): ParseResult {
  const packages: FoundPackage[] = [];
  const unknowns: ParseResult['unknowns'] = [];
  if (!/^\s*%\{/.test(text)) return { packages, unknowns: [{ path, reason: 'not a mix.lock: no %{ map' }] };
  for (const line of text.split('\n')) {
    if (!line.includes(':hex')) continue;
    const m = hexEntry.exec(line);
    if (!m) {
      unknowns.push({ path, reason: `unreadable :hex entry: ${line.trim().slice(0, 60)}` });
      continue;
    }
    if (packages.length >= maxEntriesPerFile) {
      unknowns.push(tooManyEntries(path, `more than ${maxEntriesPerFile}`));
      break;
    }
    packages.push({ type: 'hex', name: (m[1] ?? m[2])!, version: m[3]! });
  }
  return { packages, unknowns };
}
