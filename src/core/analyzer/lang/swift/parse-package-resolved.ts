import { isRecord, maxEntriesPerFile, type ParseResult, parseJsonObject } from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';

/**
 * Parses SwiftPM's `Package.resolved` (format versions 1, 2 and 3): `object.pins[]` with
 * `repositoryURL` (v1) or `pins[]` with `location` (v2, v3), each with `state.version`.
 * Packages are named as OSV's SwiftURL ecosystem names them: the repository URL without
 * scheme, user and `.git` (`github.com/apple/swift-nio`). Pins on a branch or a bare
 * revision have no version and are skipped; local (`fileSystem`) pins too.
 */
export function parsePackageResolved(text: string, path: string): ParseResult {
  const doc = parseJsonObject(text, path);
  if ('unknown' in doc) return { packages: [], unknowns: [doc.unknown] };
  const pins = isRecord(doc.value.object) ? doc.value.object.pins : doc.value.pins;
  if (!Array.isArray(pins))
    return { packages: [], unknowns: [{ path, reason: 'Package.resolved has no pins list' }] };
  const packages: FoundPackage[] = [];
  for (const pin of pins.slice(0, maxEntriesPerFile)) {
    if (
      !isRecord(pin) ||
      !isRecord(pin.state) ||
      pin.kind === 'fileSystem' ||
      pin.kind === 'localSourceControl'
    )
      continue;
    const url = typeof pin.location === 'string' ? pin.location : pin.repositoryURL;
    const version = pin.state.version;
    if (typeof url !== 'string' || typeof version !== 'string' || version === '') continue;
    const name = swiftUrlName(url);
    if (name) packages.push({ type: 'swift', name, version });
  }
  return { packages, unknowns: [] };
}

/** `https://github.com/apple/swift-nio.git`, `git@github.com:apple/swift-nio.git` → `github.com/apple/swift-nio`. */
export function swiftUrlName(url: string): string | undefined {
  let rest = url.trim();
  const scp = /^[\w.-]+@([^:/]+):(.+)$/.exec(rest);
  if (scp) rest = `${scp[1]}/${scp[2]}`;
  else rest = rest.replace(/^[a-z+]+:\/\//i, '').replace(/^[^@/]+@/, '');
  rest = rest.replace(/\/+$/, '').replace(/\.git$/, '');
  return rest.includes('/') ? rest : undefined;
}
