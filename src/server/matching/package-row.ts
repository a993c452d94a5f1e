/**
 * A package as the `software` table keeps it, and back. Matching on the server works from
 * stored rows, never from the uploaded SBOM, so a row must carry everything the matcher
 * reads: the purl type, source package, OS release (distro matchers pick advisories by
 * release), rpm epoch, Maven group and the analyzer's confidence. Columns hold what QQL
 * and the API show; the rest is a small JSON (`match_json`).
 */
import { isOsPackage } from '../../core/sbom/format/package-order.js';
import type { OSFamily, OSInfo, Package, PackageType } from '../../core/sbom/model.js';

/** The columns of a `software` row for one package (without customer and asset). */
export interface SoftwareColumns {
  name: string;
  version: string;
  ecosystem: string | null;
  kind: 'os' | 'lang';
  purl: string | null;
  source_name: string | null;
  source_version: string | null;
  layer_digest: string | null;
  path: string | null;
  match_json: string;
}

/** What `match_json` holds; short keys because there is one per stored package. */
interface MatchFacts {
  t: PackageType;
  /** OS family, version and codename, for distro packages only. */
  os?: [OSFamily, string, string?];
  c?: 'low';
  e?: number;
  ns?: string;
}

/** The OSV-style ecosystem label shown in the API (`Debian:12`, `npm`…); display only. */
function ecosystemLabel(pkg: Package, os: OSInfo | undefined): string | null {
  if (isOsPackage(pkg)) {
    if (!os || os.family === 'unknown') return null;
    const family = os.family.charAt(0).toUpperCase() + os.family.slice(1);
    return os.version ? `${family}:${os.version}` : family;
  }
  const labels: Partial<Record<PackageType, string>> = {
    npm: 'npm',
    pypi: 'PyPI',
    golang: 'Go',
    maven: 'Maven',
    gem: 'RubyGems',
    cargo: 'crates.io',
    composer: 'Packagist',
    nuget: 'NuGet',
  };
  return labels[pkg.type] ?? null;
}

/** The row for a package of an image whose OS is `os`. Ingest calls this for every SBOM package. */
export function softwareColumns(pkg: Package, os: OSInfo | undefined): SoftwareColumns {
  const facts: MatchFacts = { t: pkg.type };
  if (isOsPackage(pkg) && os)
    facts.os = os.codename ? [os.family, os.version, os.codename] : [os.family, os.version];
  if (pkg.confidence === 'low') facts.c = 'low';
  if (pkg.epoch !== undefined) facts.e = pkg.epoch;
  if (pkg.namespace !== undefined) facts.ns = pkg.namespace;
  return {
    name: pkg.name,
    version: pkg.version,
    ecosystem: ecosystemLabel(pkg, os),
    kind: isOsPackage(pkg) ? 'os' : 'lang',
    purl: pkg.purl ?? null,
    source_name: pkg.source?.name ?? null,
    source_version: pkg.source?.version ?? null,
    layer_digest: pkg.location.layer?.digest ?? pkg.location.layer?.diffID ?? null,
    path: pkg.location.path || null,
    match_json: JSON.stringify(facts),
  };
}

export interface StoredSoftware {
  name: string;
  version: string;
  source_name: string | null;
  source_version: string | null;
  purl: string | null;
  match_json: string | null;
}

/**
 * The package and OS the matcher sees for a stored row; undefined when the row cannot be
 * matched (written without `match_json`, e.g. by an older seed), so it is reported, not
 * silently clean.
 */
export function packageFromRow(row: StoredSoftware): { pkg: Package; os: OSInfo | undefined } | undefined {
  if (!row.match_json) return undefined;
  let facts: MatchFacts;
  try {
    facts = JSON.parse(row.match_json) as MatchFacts;
  } catch {
    return undefined;
  }
  if (typeof facts?.t !== 'string') return undefined;
  const pkg: Package = { type: facts.t, name: row.name, version: row.version, location: { path: '' } };
  if (row.source_name) {
    pkg.source = row.source_version
      ? { name: row.source_name, version: row.source_version }
      : { name: row.source_name };
  }
  if (row.purl) pkg.purl = row.purl;
  if (facts.c === 'low') pkg.confidence = 'low';
  if (typeof facts.e === 'number') pkg.epoch = facts.e;
  if (typeof facts.ns === 'string') pkg.namespace = facts.ns;
  const os: OSInfo | undefined = facts.os
    ? {
        family: facts.os[0],
        version: facts.os[1],
        name: '',
        ...(facts.os[2] ? { codename: facts.os[2] } : {}),
      }
    : undefined;
  return { pkg, os };
}

/**
 * The identity of a distinct package for matching: two rows with the same key get the same
 * findings, whichever images hold them. (name, version, source, type, release, confidence…)
 */
export function matchKey(row: StoredSoftware): string {
  return [row.name, row.version, row.source_name ?? '', row.source_version ?? '', row.match_json ?? ''].join(
    '\u0000',
  );
}
