import { isRecord, maxEntriesPerFile, type ParseResult, parseJsonObject } from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';

/**
 * Parses renv's `renv.lock` (JSON): `Packages.<name>` with `Package`, `Version`,
 * `Source`. `Repository` sources (CRAN and its mirrors, `Repository: "CRAN"` or a
 * repository URL) are CRAN packages; `Source: "Bioconductor"` ones are Bioconductor
 * packages (matched against OSV's `Bioconductor`). GitHub/GitLab/local installs have no
 * registry version: they are counted in an unknown rather than dropped silently, so a
 * scan never reads as clean for what it did not match.
 */
export function parseRenvLock(text: string, path: string): ParseResult {
  const doc = parseJsonObject(text, path);
  if ('unknown' in doc) return { packages: [], unknowns: [doc.unknown] };
  const entries = doc.value.Packages;
  if (!isRecord(entries))
    return { packages: [], unknowns: [{ path, reason: 'renv.lock has no Packages object' }] };
  const packages: FoundPackage[] = [];
  const unmatched: string[] = [];
  for (const [key, entry] of Object.entries(entries).slice(0, maxEntriesPerFile)) {
    if (!isRecord(entry)) continue;
    const name = typeof entry.Package === 'string' ? entry.Package : key;
    const version = entry.Version;
    if (typeof version !== 'string' || version === '') continue;
    const source = typeof entry.Source === 'string' ? entry.Source : 'Repository';
    if (source === 'Repository') packages.push({ type: 'cran', name, version });
    else if (source === 'Bioconductor') packages.push({ type: 'bioconductor', name, version });
    else unmatched.push(`${name} ${version} (${source})`);
  }
  const unknowns: ParseResult['unknowns'] =
    unmatched.length > 0
      ? [
          {
            path,
            reason: `${unmatched.length} packages not from CRAN or Bioconductor are not matched: ${unmatched.slice(0, 3).join(', ').slice(0, 160)}`,
          },
        ]
      : [];
  return { packages, unknowns };
}
