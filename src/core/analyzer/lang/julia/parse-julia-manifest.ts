import { isRecord, maxEntriesPerFile, type ParseResult } from '../../parse-result.js';
import { parseTomlTable } from '../../parse-toml.js';
import type { FoundPackage } from '../../types.js';

/**
 * Parses Julia's `Manifest.toml`: format 2.0 (`[[deps.Name]]` tables under `deps`) and
 * the older format where package names are top-level arrays of tables. Entries without
 * `version` are standard libraries shipped with Julia (or `path`-developed packages)
 * and are skipped. Packages are named as the General registry and OSV name them.
 */
export function parseJuliaManifest(text: string, path: string): ParseResult {
  const parsed = parseTomlTable(text, path);
  if ('unknown' in parsed) return { packages: [], unknowns: [parsed.unknown] };
  const doc = parsed.value;
  const deps = doc.manifest_format !== undefined ? doc.deps : doc;
  if (!isRecord(deps))
    return { packages: [], unknowns: [{ path, reason: 'Manifest.toml has no deps table' }] };
  const packages: FoundPackage[] = [];
  for (const [name, entries] of Object.entries(deps)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (packages.length >= maxEntriesPerFile) break;
      if (!isRecord(entry) || typeof entry.version !== 'string' || typeof entry.uuid !== 'string') continue;
      packages.push({ type: 'julia', name, version: entry.version });
    }
  }
  return { packages, unknowns: [] };
}
