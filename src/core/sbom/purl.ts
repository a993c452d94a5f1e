import { PackageURL } from 'packageurl-js';
import type { FoundPackage } from '../analyzer/types.js';
import type { OSFamily, OSInfo, Package, PackageOrigin, PackageType } from './model.js';

/**
 * Package URLs per the purl spec's type definitions. Distro packages need the OS to
 * be known: the namespace is the vendor and the `distro` qualifier pins the release,
 * which is what lets another tool match a deb/rpm/apk purl against the right feed.
 */

/** purl namespace (vendor) for an OS family, per package type. */
const distroVendor: Partial<Record<OSFamily, string>> = {
  debian: 'debian',
  ubuntu: 'ubuntu',
  alpine: 'alpine',
  wolfi: 'wolfi',
  chainguard: 'chainguard',
  rhel: 'redhat',
  centos: 'centos',
  rocky: 'rocky',
  almalinux: 'almalinux',
  fedora: 'fedora',
  amazon: 'amazon',
  oracle: 'oracle',
  sles: 'sles',
  'opensuse-leap': 'opensuse',
  'opensuse-tumbleweed': 'opensuse',
  photon: 'photon',
  mariner: 'mariner',
  openeuler: 'openeuler',
  mageia: 'mageia',
  minimos: 'minimos',
  echo: 'echo',
};

/** The vendor to use when the OS is unknown or belongs to another package type. */
const defaultVendor: Partial<Record<PackageType, string>> = { deb: 'debian', rpm: 'redhat', apk: 'alpine' };

const vendorsByType: Partial<Record<PackageType, ReadonlySet<string>>> = {
  deb: new Set(['debian', 'ubuntu', 'echo']),
  rpm: new Set([
    'redhat',
    'centos',
    'rocky',
    'almalinux',
    'fedora',
    'amazon',
    'oracle',
    'sles',
    'opensuse',
    'photon',
    'mariner',
    'openeuler',
    'mageia',
  ]),
  apk: new Set(['alpine', 'wolfi', 'chainguard', 'minimos']),
};

type PurlInput = FoundPackage | Package;

function vendorFor(type: PackageType, os?: OSInfo): string | undefined {
  const fromOs = os ? distroVendor[os.family] : undefined;
  if (fromOs && vendorsByType[type]?.has(fromOs)) return fromOs;
  return defaultVendor[type];
}

/** `debian-12`, `alpine-3.20.3`, `debian-trixie` when only the codename is known. */
export function distroQualifier(os?: OSInfo): string | undefined {
  if (!os || os.family === 'unknown') return undefined;
  const release = os.version || os.codename;
  return release ? `${os.family}-${release}` : undefined;
}

/** rpm versions carry the epoch as `N:`; purls keep it in the `epoch` qualifier instead. */
function splitEpoch(version: string): { epoch?: string; rest: string } {
  const m = /^(\d+):(.*)$/.exec(version);
  return m ? { epoch: m[1], rest: m[2] ?? '' } : { rest: version };
}

/** PEP 503 normalisation: lower case, runs of `-`, `_`, `.` become one `-`. */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Splits at the last `/`: `github.com/foo/bar` → `github.com/foo` + `bar`. */
function splitLastSlash(path: string): { namespace?: string; name: string } {
  const i = path.lastIndexOf('/');
  return i < 0 ? { name: path } : { namespace: path.slice(0, i), name: path.slice(i + 1) };
}

function qualifiers(entries: [string, string | undefined][]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [k, v] of entries) if (v) out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

function debUpstream(pkg: PurlInput): string | undefined {
  const src = pkg.source;
  if (!src?.name) return undefined;
  const sameVersion = !src.version || src.version === pkg.version;
  if (src.name === pkg.name && sameVersion) return undefined;
  // Syft's convention: the source version only when it differs from the binary's.
  return sameVersion ? src.name : `${src.name}@${src.version}`;
}

function rpmUpstream(pkg: PurlInput): string | undefined {
  const src = pkg.source;
  if (!src?.name) return undefined;
  if (!src.version) return src.name;
  return `${src.name}-${splitEpoch(src.version).rest}.src.rpm`;
}

function build(type: string, namespace: string | undefined, name: string, version: string, q?: object) {
  return new PackageURL(type, namespace, name, version || undefined, q as Record<string, string>).toString();
}

/**
 * A purl, or why a complete one cannot be written. `purl` may be set along with `gap`
 * when a partial purl still says something true (no version, say); a Maven artifact
 * without its group gets none, since `pkg:maven/name` is not a valid purl.
 */
export interface PurlResult {
  purl?: string;
  gap?: string;
}

/**
 * The package URL of a package; `os` supplies the vendor and `distro` for deb, rpm and
 * apk. Never throws: whatever an analyzer found, the package must still reach the SBOM.
 */
export function buildPurl(pkg: PurlInput, os?: OSInfo): PurlResult {
  if (pkg.name.trim() === '') return { gap: 'no package name, so no purl' };
  if (pkg.type === 'maven' && !pkg.name.includes(':') && !pkg.namespace) {
    return { gap: `no Maven group for ${pkg.name}, so no purl` };
  }
  let purl: string;
  try {
    purl = unsafePurl(pkg, os);
    // What we write must read back: packageurl-js writes some qualifier values (a `%` in an
    // rpm source name) that it cannot parse again, and neither could a reader of the SBOM.
    PackageURL.fromString(purl);
  } catch (err) {
    return { gap: `no purl: ${err instanceof Error ? err.message : String(err)}` };
  }
  return pkg.version.trim() === ''
    ? { purl, gap: `no version for ${pkg.name}, so the purl has none` }
    : { purl };
}

/** The purl when one can be built (see `buildPurl` for why one cannot). */
export function purlFor(pkg: PurlInput, os?: OSInfo): string | undefined {
  return buildPurl(pkg, os).purl;
}

/**
 * The purl qualifiers that say a package is not from its registry: `vcs_url` for git (the purl
 * spec's `git+https://…@<commit>` form when the commit is known), `download_url` otherwise
 * (`file:` for local paths).
 */
export function originQualifiers(origin: PackageOrigin | undefined): Record<string, string> | undefined {
  if (!origin) return undefined;
  if (origin.kind === 'git') {
    const hash = origin.location.lastIndexOf('#');
    const url =
      hash > 0 ? `${origin.location.slice(0, hash)}@${origin.location.slice(hash + 1)}` : origin.location;
    return { vcs_url: /^git[+:]/.test(url) ? url : `git+${url}` };
  }
  if (origin.kind === 'url') return { download_url: origin.location };
  return { download_url: origin.location.startsWith('file:') ? origin.location : `file:${origin.location}` };
}

/** Language packages from git, a URL or a path: their purl carries where they came from. */
function withOrigin(purl: string, origin: PackageOrigin | undefined): string {
  const q = originQualifiers(origin);
  if (!q) return purl;
  const p = PackageURL.fromString(purl);
  return new PackageURL(
    p.type,
    p.namespace,
    p.name,
    p.version,
    { ...(p.qualifiers ?? {}), ...q },
    p.subpath,
  ).toString();
}

function unsafePurl(pkg: PurlInput, os?: OSInfo): string {
  return withOrigin(typedPurl(pkg, os), pkg.origin);
}

function typedPurl(pkg: PurlInput, os?: OSInfo): string {
  const distro = distroQualifier(os);
  switch (pkg.type) {
    case 'deb':
      return build(
        'deb',
        vendorFor('deb', os),
        pkg.name,
        pkg.version,
        qualifiers([
          ['arch', pkg.arch],
          ['distro', distro],
          ['upstream', debUpstream(pkg)],
        ]),
      );
    case 'rpm': {
      const { epoch, rest } = splitEpoch(pkg.version);
      const epochText = pkg.epoch !== undefined ? String(pkg.epoch) : epoch;
      return build(
        'rpm',
        vendorFor('rpm', os),
        pkg.name,
        rest,
        qualifiers([
          ['arch', pkg.arch],
          ['epoch', epochText],
          ['distro', distro],
          ['upstream', rpmUpstream(pkg)],
        ]),
      );
    }
    case 'apk':
      return build(
        'apk',
        vendorFor('apk', os),
        pkg.name,
        pkg.version,
        qualifiers([
          ['arch', pkg.arch],
          ['distro', distro],
        ]),
      );
    case 'npm': {
      const scoped = /^(@[^/]+)\/(.+)$/.exec(pkg.name);
      return scoped
        ? build('npm', scoped[1], scoped[2] ?? '', pkg.version)
        : build('npm', pkg.namespace, pkg.name, pkg.version);
    }
    case 'pypi':
      return build('pypi', undefined, normalizePypiName(pkg.name), pkg.version);
    case 'golang':
    case 'swift': {
      const { namespace, name } = splitLastSlash(pkg.name);
      return build(pkg.type, namespace, name, pkg.version);
    }
    case 'maven': {
      const i = pkg.name.indexOf(':');
      const group = i >= 0 ? pkg.name.slice(0, i) : pkg.namespace;
      const artifact = i >= 0 ? pkg.name.slice(i + 1) : pkg.name;
      return build('maven', group, artifact, pkg.version);
    }
    case 'composer': {
      const { namespace, name } = splitLastSlash(pkg.name);
      return build('composer', namespace ?? pkg.namespace, name, pkg.version);
    }
    case 'gem':
    case 'cargo':
    case 'nuget':
    case 'hex':
    case 'pub':
    case 'julia':
    case 'cran':
    case 'conda':
    case 'conan':
    case 'cocoapods':
    case 'hackage':
    case 'bioconductor':
      return build(pkg.type, undefined, pkg.name, pkg.version);
    case 'k8s':
      // Trivy's KBOM spelling: the whole Go module path is the name (`pkg:k8s/k8s.io%2Fkubelet@1.29.0`).
      return build('k8s', undefined, pkg.name, pkg.version);
    default:
      return build('generic', undefined, pkg.name, (pkg as PurlInput).version);
  }
}

/** What a purl says about a package, in model terms; undefined when it is not a purl. */
export interface ParsedPurl {
  /** The purl type as written (`deb`, `npm`, `oci`…); `packageType` when Bulwark knows it. */
  purlType: string;
  packageType?: PackageType;
  namespace?: string;
  /** The name in Bulwark spelling: `@scope/name`, `group:artifact`, the full Go module path. */
  name: string;
  version: string;
  qualifiers: Record<string, string>;
}

const knownTypes: ReadonlySet<string> = new Set<PackageType>([
  'deb',
  'rpm',
  'apk',
  'npm',
  'pypi',
  'golang',
  'maven',
  'gem',
  'cargo',
  'composer',
  'nuget',
  'generic',
  'hex',
  'pub',
  'swift',
  'julia',
  'cran',
  'conda',
  'conan',
  'cocoapods',
  'hackage',
  'bioconductor',
  'k8s',
]);

/** True for a package type Bulwark models (the purl types it reads back). */
export function isPackageType(type: string): type is PackageType {
  return knownTypes.has(type);
}

export function parsePurl(text: string): ParsedPurl | undefined {
  let p: PackageURL;
  try {
    p = PackageURL.fromString(text);
  } catch {
    return undefined;
  }
  const ns = p.namespace || undefined;
  let name = p.name;
  if (ns && (p.type === 'npm' || p.type === 'golang' || p.type === 'composer' || p.type === 'swift'))
    name = `${ns}/${p.name}`;
  if (ns && p.type === 'maven') name = `${ns}:${p.name}`;
  if (ns && p.type === 'k8s') name = `${ns}/${p.name}`;
  const parsed: ParsedPurl = {
    purlType: p.type,
    name,
    version: p.version ?? '',
    qualifiers: { ...(p.qualifiers ?? {}) },
  };
  if (isPackageType(p.type)) parsed.packageType = p.type;
  if (ns) parsed.namespace = ns;
  return parsed;
}
