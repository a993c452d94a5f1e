import { go } from '../../../version/go.js';
import type { ParseResult } from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';

/** go.sum files larger than this are not a project's; 16 MiB is ~150k lines. */
export const maxGoSumSize = 16 * 1024 * 1024;

/**
 * go.sum: `<module> <version>[/go.mod] h1:<hash>` per line. Before Go 1.17 the module graph
 * is not pruned, so the modules go.sum names are the build list, each at the highest version
 * it names (MVS selects the maximum required version): exactly what `go list -m all` prints.
 * These packages only supplement a go.mod below `go 1.17` beside the file (the applier drops
 * them otherwise, and drops those go.mod lists itself), so they are offered, not asserted.
 */
export function parseGoSum(text: string, path: string): ParseResult {
  if (text.length > maxGoSumSize) {
    return { packages: [], unknowns: [{ path, reason: `go.sum larger than ${maxGoSumSize} bytes` }] };
  }
  const best = new Map<string, string>();
  const bad: number[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (!line) continue;
    const [mod, rawVersion, hash, extra] = line.split(/\s+/);
    const version = rawVersion?.endsWith('/go.mod') ? rawVersion.slice(0, -'/go.mod'.length) : rawVersion;
    const parsed = version ? go.parse(version) : undefined;
    if (!mod || !version || !hash || extra !== undefined || !parsed?.valid) {
      bad.push(i + 1);
      continue;
    }
    const seen = best.get(mod);
    if (seen === undefined) best.set(mod, version);
    else {
      const prev = go.parse(seen);
      if (prev.valid && go.compare(parsed.value, prev.value) > 0) best.set(mod, version);
    }
  }
  const packages: FoundPackage[] = [...best].map(([name, version]) => ({
    type: 'golang',
    name,
    version,
    supplements: 'go.mod',
  }));
  const unknowns = bad.length
    ? [{ path, reason: `unparsable go.sum line(s): ${bad.slice(0, 5).join(', ')}` }]
    : [];
  return { packages, unknowns };
}
