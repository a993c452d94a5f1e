import { parse } from 'smol-toml';
import type { AnalysisResult, FoundPackage } from '../../types.js';

/**
 * Cargo.lock files past this size are reported, not parsed: the largest real lockfiles
 * (rust-lang/rust, big workspaces) are well under 1 MiB, and a TOML parse of hundreds
 * of MiB would hold the scan for minutes.
 */
export const maxCargoLockSize = 16 * 1024 * 1024;

/**
 * Parses Cargo.lock, every format version (v1 with its `[metadata]` checksum table,
 * v2/v3/v4 with inline `checksum`). Only packages with a `source` are reported: those
 * come from a registry (`registry+…`, `sparse+…`) or git (`git+…`). Packages without a
 * source are the workspace's own crates and path dependencies: local code no advisory
 * database knows, so reporting them would only add noise.
 */
export function parseCargoLock(text: string, path: string): AnalysisResult {
  if (text.length > maxCargoLockSize) {
    return { unknowns: [{ path, reason: `Cargo.lock larger than ${maxCargoLockSize} bytes (too large)` }] };
  }
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (err) {
    return { unknowns: [{ path, reason: `invalid TOML: ${firstLine(err)}` }] };
  }
  const list = doc.package;
  if (list === undefined) return { packages: [] };
  if (!Array.isArray(list)) return { unknowns: [{ path, reason: '`package` is not an array of tables' }] };

  const packages: FoundPackage[] = [];
  const seen = new Set<string>();
  let malformed = 0;
  for (const entry of list as unknown[]) {
    if (typeof entry !== 'object' || entry === null) {
      malformed++;
      continue;
    }
    const { name, version, source } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || typeof version !== 'string' || !name || !version) {
      malformed++;
      continue;
    }
    if (typeof source !== 'string' || !source) continue;
    // The same crate version from two sources (registry and git) is two packages.
    const key = `${name}\0${version}\0${source}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const pkg: FoundPackage = { type: 'cargo', name, version };
    // `git+https://github.com/o/r?branch=main#<commit>`: other code than the crates.io crate.
    if (source.startsWith('git+')) pkg.origin = { kind: 'git', location: source };
    packages.push(pkg);
  }
  const unknowns = malformed
    ? [{ path, reason: `${malformed} [[package]] entries without name or version` }]
    : [];
  return { packages, unknowns };
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
