/**
 * The SBOM is the pivot of Bulwark: sources and analyzers produce it, the matcher,
 * the report writers and (later) the server consume it. Keep it plain data so it
 * serialises to JSON as-is and can be cached and uploaded.
 */

/** Package types in purl spelling; each one maps to one OSV ecosystem family. */
export type PackageType =
  | 'deb'
  | 'rpm'
  | 'apk'
  | 'npm'
  | 'pypi'
  | 'golang'
  | 'maven'
  | 'gem'
  | 'cargo'
  | 'composer'
  | 'nuget'
  | 'hex'
  | 'pub'
  | 'swift'
  | 'julia'
  | 'cran'
  | 'conda'
  | 'conan'
  | 'cocoapods'
  | 'hackage'
  | 'bioconductor'
  | 'k8s'
  | 'generic';

/** Operating system families Bulwark knows how to detect and match. */
export type OSFamily =
  | 'debian'
  | 'ubuntu'
  | 'alpine'
  | 'wolfi'
  | 'chainguard'
  | 'rhel'
  | 'centos'
  | 'rocky'
  | 'almalinux'
  | 'fedora'
  | 'amazon'
  | 'oracle'
  | 'sles'
  | 'opensuse-leap'
  | 'opensuse-tumbleweed'
  | 'photon'
  | 'mariner'
  | 'openeuler'
  | 'mageia'
  | 'minimos'
  | 'echo'
  | 'unknown';

export interface OSInfo {
  family: OSFamily;
  /** Version as the distro numbers it (`12`, `3.20.3`, `9.4`), empty when unknown (e.g. sid). */
  version: string;
  /** Human name, e.g. `Debian GNU/Linux 12 (bookworm)`. */
  name: string;
  codename?: string;
  /** True for distroless images (an os-release with no package manager of its own). */
  distroless?: boolean;
}

/** The layer a file (and so a package) came from. */
export interface LayerLocation {
  index: number;
  diffID: string;
  digest?: string;
}

export interface Location {
  /** Path inside the image, without a leading slash (`var/lib/dpkg/status`). */
  path: string;
  layer?: LayerLocation;
}

export interface Package {
  type: PackageType;
  name: string;
  /** Full version as the ecosystem writes it: `1:2.36-9+deb12u4`, `3.0.13-r0`, `2.32.1-42.el8_8`. */
  version: string;
  arch?: string;
  /** Source package (deb Source, rpm source rpm, apk origin); distro matching uses it. */
  source?: { name: string; version?: string };
  licenses?: string[];
  /** Package URL; set by the applier once the OS is known (deb/rpm/apk need the distro qualifier). */
  purl?: string;
  location: Location;
  /**
   * Other files that report this very package: the lockfile beside an installed tree, a
   * second lockfile of the same project. One package, several pieces of evidence.
   */
  otherLocations?: Location[];
  /** Set only for packages that do not come from their ecosystem's registry. */
  origin?: PackageOrigin;
  /** A development-only dependency, as the lockfile says. */
  dev?: boolean;
  /** How sure the analyzer is; low for heuristics such as a JAR file name. */
  confidence?: 'high' | 'low';
  /** For rpm: the epoch, kept apart because the version string shows it only when set. */
  epoch?: number;
  /** Maven group id, Go module path prefix and the like live in the name; this holds the Maven group. */
  namespace?: string;
}

/**
 * Where a package came from when it is not its ecosystem's registry: a git repository, a URL
 * (tarball, wheel), or a local path (file:, link:, workspace, path dependencies). Such a
 * package is other code than the registry package of the same name, so registry advisories
 * are never matched against it; its purl says where it came from (`vcs_url`, `download_url`).
 */
export interface PackageOrigin {
  kind: 'git' | 'url' | 'path';
  /** As the lockfile writes it: `git+https://github.com/a/b.git#<commit>`, `https://…/x.tgz`, `../lib`. */
  location: string;
}

/** A file an analyzer could not make sense of: reported, never fatal. */
export interface Unknown {
  path: string;
  analyzer: string;
  reason: string;
  layer?: LayerLocation;
}

export interface LayerInfo {
  index: number;
  digest: string;
  diffID: string;
  size?: number;
  createdBy?: string;
}

export type SourceKind =
  | 'docker-archive'
  | 'oci'
  | 'oci-archive'
  | 'docker'
  | 'registry'
  | 'dir'
  | 'rootfs'
  | 'sbom';

export interface ImageDescription {
  /** The reference the user gave, as given. */
  ref: string;
  kind: SourceKind;
  /** Config digest (`sha256:…`), what `docker images` shows as IMAGE ID. */
  imageId: string;
  repoTags: string[];
  repoDigests: string[];
  manifestDigest?: string;
  architecture?: string;
  os?: string;
}

export interface Sbom {
  bomFormat: 'bulwark-sbom';
  schemaVersion: 1;
  image: ImageDescription;
  os?: OSInfo;
  layers: LayerInfo[];
  packages: Package[];
  unknowns: Unknown[];
}
