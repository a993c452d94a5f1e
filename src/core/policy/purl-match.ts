import { PackageURL } from 'packageurl-js';

function parse(purl: string): PackageURL | undefined {
  try {
    return PackageURL.fromString(purl);
  } catch {
    return undefined;
  }
}

/**
 * True when `pattern` names the package `purl`: same type, namespace and name; the
 * version and each qualifier only count when the pattern states them, so
 * `pkg:deb/debian/openssl` covers every openssl build and
 * `pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64` only that one.
 */
export function purlMatches(pattern: string, purl: string | undefined): boolean {
  if (!purl) return false;
  if (pattern === purl) return true;
  const want = parse(pattern);
  const have = parse(purl);
  if (!want || !have) return false;
  if (want.type !== have.type || want.name !== have.name) return false;
  if ((want.namespace ?? '') !== (have.namespace ?? '')) return false;
  if (want.version && want.version !== have.version) return false;
  for (const [key, value] of Object.entries(want.qualifiers ?? {})) {
    if (have.qualifiers?.[key] !== value) return false;
  }
  return true;
}
