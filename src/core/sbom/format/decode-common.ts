import type { JsonObject } from '../../json-guards.js';
import type { OSFamily, OSInfo, Package, PackageType } from '../model.js';
import { osFamilyOf } from '../os-family.js';
import { type ParsedPurl, parsePurl } from '../purl.js';

/**
 * Shared steps of reading a foreign SBOM: a package is rebuilt from its purl first,
 * then whatever the document says explicitly (properties, source info) overrides it.
 */
export type Json = JsonObject;

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function osFamily(name: string | undefined): OSFamily {
  return osFamilyOf(name) ?? 'unknown';
}

/** `debian-12` → debian 12; Trivy writes the bare version (`3.15.0`) with the vendor as namespace. */
export function osFromDistro(parsed: ParsedPurl): OSInfo | undefined {
  const distro = parsed.qualifiers.distro;
  if (!distro || !parsed.namespace) return undefined;
  const family = osFamily(parsed.namespace);
  if (family === 'unknown') return undefined;
  for (const prefix of [`${family}-`, `${parsed.namespace}-`]) {
    if (distro.startsWith(prefix)) return { family, version: distro.slice(prefix.length), name: '' };
  }
  return /^\d/.test(distro)
    ? { family, version: distro, name: '' }
    : { family, version: '', name: '', codename: distro };
}

/** `util-linux-2.32.1-42.el8_8.src.rpm` → name and version-release. */
function splitSourceRpm(file: string): { name: string; version?: string } {
  const m = /^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$/.exec(file);
  return m ? { name: m[1] ?? file, version: `${m[2]}-${m[3]}` } : { name: file };
}

function sourceFromUpstream(parsed: ParsedPurl, epoch: string | undefined): Package['source'] {
  const upstream = parsed.qualifiers.upstream;
  if (!upstream) return undefined;
  if (parsed.packageType === 'rpm') {
    const src = splitSourceRpm(upstream);
    if (src.version && epoch) src.version = `${epoch}:${src.version}`;
    return src;
  }
  const at = upstream.indexOf('@');
  return at > 0 ? { name: upstream.slice(0, at), version: upstream.slice(at + 1) } : { name: upstream };
}

/** A deb without a Source field is its own source (Debian policy 5.6.1); apk origin likewise. */
function selfSource(type: PackageType, pkg: Package): Package['source'] {
  return type === 'deb' || type === 'apk' ? { name: pkg.name, version: pkg.version } : undefined;
}

/** `vcs_url` / `download_url` qualifiers: the package did not come from its registry. */
function originFromQualifiers(q: Record<string, string>): Package['origin'] {
  const vcs = q.vcs_url;
  if (vcs) {
    // The purl form `git+https://host/repo.git@<commit>` back to the lockfile form `…#<commit>`.
    const m = /^(.*\.git|.*\/[^/@]+)@([0-9a-f]{7,64})$/.exec(vcs);
    return { kind: 'git', location: m ? `${m[1]}#${m[2]}` : vcs };
  }
  const download = q.download_url;
  if (!download) return undefined;
  return download.startsWith('file:')
    ? { kind: 'path', location: download.slice('file:'.length) }
    : { kind: 'url', location: download };
}

/** What the purl alone says: type, name, version (rpm with its epoch), arch, source. */
export function packageFromPurl(purl: string): { pkg: Package; parsed: ParsedPurl } | undefined {
  const parsed = parsePurl(purl);
  if (!parsed?.packageType) return undefined;
  const epoch = parsed.qualifiers.epoch;
  let version = parsed.version;
  if (parsed.packageType === 'rpm' && epoch && !/^\d+:/.test(version)) version = `${epoch}:${version}`;
  const pkg: Package = { type: parsed.packageType, name: parsed.name, version, purl, location: { path: '' } };
  if (parsed.qualifiers.arch) pkg.arch = parsed.qualifiers.arch;
  if (parsed.packageType === 'rpm' && epoch && /^\d+$/.test(epoch)) pkg.epoch = Number(epoch);
  if (parsed.packageType === 'maven' && parsed.namespace) pkg.namespace = parsed.namespace;
  const origin = originFromQualifiers(parsed.qualifiers);
  if (origin) pkg.origin = origin;
  const source = sourceFromUpstream(parsed, epoch) ?? selfSource(parsed.packageType, pkg);
  if (source) {
    // deb and apk purls leave out what equals the binary's own name or version.
    if (!source.version && (pkg.type === 'deb' || pkg.type === 'apk')) source.version = pkg.version;
    pkg.source = source;
  }
  return { pkg, parsed };
}

/** Paths in Bulwark have no leading slash. */
export function imagePath(path: string): string {
  return path.replace(/^\/+/, '');
}
