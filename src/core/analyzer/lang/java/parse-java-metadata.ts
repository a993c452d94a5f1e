/** Readers for the small text files that identify a Java archive. */

/** `key=value` lines of a java.util.Properties file (the subset Maven writes: no continuations). */
export function parseProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    const at = line.search(/[=:]/);
    if (at <= 0) continue;
    out.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return out;
}

/**
 * The main section of a JAR manifest: `Name: value` headers, continuation lines start
 * with one space, and the main section ends at the first blank line.
 */
export function parseManifest(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let key: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break;
    if (line.startsWith(' ') && key) {
      out.set(key, (out.get(key) ?? '') + line.slice(1));
      continue;
    }
    const at = line.indexOf(':');
    if (at <= 0) continue;
    key = line.slice(0, at).trim();
    out.set(key, line.slice(at + 1).trim());
  }
  return out;
}

/** Identity read from a manifest: version from Implementation-, Bundle- or Specification- headers. */
export function manifestIdentity(m: Map<string, string>): {
  name?: string;
  version?: string;
  group?: string;
} {
  const pick = (...keys: string[]) => keys.map((k) => m.get(k)).find((v) => v);
  // OSGi symbolic names may carry directives: `org.foo.bar;singleton:=true`.
  const symbolic = pick('Bundle-SymbolicName')?.split(';')[0]?.trim();
  const out: { name?: string; version?: string; group?: string } = {};
  const name = pick('Implementation-Title') ?? symbolic ?? pick('Specification-Title', 'Bundle-Name');
  const version = pick('Implementation-Version', 'Bundle-Version', 'Specification-Version');
  const group = pick('Implementation-Vendor-Id');
  if (name) out.name = name;
  if (version) out.version = version;
  if (group) out.group = group;
  return out;
}

/**
 * `commons-io-2.11.0.jar` → commons-io / 2.11.0: the version starts at the first
 * `-` followed by a digit. Linear scan, no regex backtracking on hostile names.
 */
export function nameVersionFromFileName(fileName: string): { name: string; version: string } | undefined {
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  for (let i = 1; i < stem.length - 1; i++) {
    const c = stem.charCodeAt(i + 1);
    if (stem[i] === '-' && c >= 48 && c <= 57) return { name: stem.slice(0, i), version: stem.slice(i + 1) };
  }
  return undefined;
}

/** JDK `release` file: shell-style `KEY="value"` lines. */
export function parseJdkRelease(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    let value = line.slice(at + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    out.set(line.slice(0, at).trim(), value);
  }
  return out;
}
