import type { ParseResult } from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';
import { normalizePythonName } from './python-paths.js';

/**
 * Core metadata of an installed distribution (`*.dist-info/METADATA`, `*.egg-info/PKG-INFO`, or
 * an `*.egg-info` file): RFC 822-style headers up to the first blank line, continuation lines
 * indented, the description after. Licenses, most precise first: `License-Expression` (metadata
 * 2.4, SPDX), then the `License ::` trove classifiers (a fixed vocabulary), then a short
 * free-text `License` (often the whole license text, which is not a name).
 */
export function parseMetadata(text: string, path: string): ParseResult {
  const headers = readHeaders(text);
  const name = headers.get('name')?.[0];
  const version = headers.get('version')?.[0];
  if (!name || !version) {
    const missing = !name ? 'Name' : 'Version';
    return { packages: [], unknowns: [{ path, reason: `not package metadata: no ${missing} header` }] };
  }
  const pkg: FoundPackage = { type: 'pypi', name: normalizePythonName(name), version };
  const licenses = pickLicenses(headers);
  if (licenses.length > 0) pkg.licenses = licenses;
  return { packages: [pkg], unknowns: [] };
}

/** Header name (lower case) → every value, in order. */
function readHeaders(text: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  let last: string[] | undefined;
  let lastIndex = -1;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') break; // end of headers; the description follows
    if (line.startsWith(' ') || line.startsWith('\t')) {
      // Continuation of the previous header (multi-line License texts).
      if (last && lastIndex >= 0) last[lastIndex] = `${last[lastIndex]}\n${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) break; // not a header: the file is not metadata past this point
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    last = headers.get(key) ?? [];
    headers.set(key, last);
    lastIndex = last.push(value) - 1;
  }
  return headers;
}

function pickLicenses(headers: Map<string, string[]>): string[] {
  const expression = headers.get('license-expression')?.[0];
  if (expression) return [expression];
  const fromClassifiers = (headers.get('classifier') ?? [])
    .filter((c) => c.startsWith('License ::'))
    .map((c) => c.split('::').pop()!.trim())
    .filter((c) => c !== '' && c !== 'OSI Approved');
  if (fromClassifiers.length > 0) return fromClassifiers;
  const free = headers.get('license')?.[0];
  if (free && !free.includes('\n') && free.length <= 80 && free.toUpperCase() !== 'UNKNOWN') return [free];
  return [];
}
