import type { AnalysisResult, Analyzer, AnalyzerInput, FoundPackage } from '../../types.js';
import type { BlobsResult } from './blobs.js';
import { parseHeader, type RpmHeader } from './parse-header.js';
import { readBdbBlobs } from './read-bdb.js';
import { readNdbBlobs } from './read-ndb.js';
import { readSqliteBlobs } from './read-sqlite.js';

type Backend = 'bdb' | 'ndb' | 'sqlite';

/** rpm's database directory moved from var/lib/rpm to usr/lib/sysimage/rpm (Fedora 36+, SUSE). */
const dbDirs = ['var/lib/rpm/', 'usr/lib/sysimage/rpm/'];
const backendByFile: Record<string, Backend> = {
  Packages: 'bdb',
  'Packages.db': 'ndb',
  'rpmdb.sqlite': 'sqlite',
};

export function rpmBackendFor(path: string): Backend | undefined {
  for (const dir of dbDirs) {
    if (path.startsWith(dir)) return backendByFile[path.slice(dir.length)];
  }
  return undefined;
}

/** `util-linux-2.32.1-42.el8_8.src.rpm` → name `util-linux`, version `2.32.1-42.el8_8`. */
export function splitSourceRpm(file: string): { name: string; version?: string } | undefined {
  const m = /^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$/.exec(file);
  if (!m) return file ? { name: file } : undefined;
  return { name: m[1] ?? '', version: `${m[2]}-${m[3]}` };
}

/** The version the matcher's rpm comparator reads: `[epoch:]version-release`. */
function fullVersion(h: RpmHeader, version: string, release: string): string {
  const vr = release ? `${version}-${release}` : version;
  return h.epoch !== undefined ? `${h.epoch}:${vr}` : vr;
}

export function toPackage(h: RpmHeader, path: string): FoundPackage {
  const pkg: FoundPackage = {
    type: 'rpm',
    name: h.name,
    version: fullVersion(h, h.version, h.release),
    path,
  };
  if (h.arch) pkg.arch = h.arch;
  if (h.epoch !== undefined) pkg.epoch = h.epoch;
  if (h.license) pkg.licenses = [h.license];
  const src = splitSourceRpm(h.sourceRpm);
  if (src) {
    // A source rpm file name never carries the epoch; the binary's epoch is the
    // source's in practice, and distro advisories name the source with it.
    const [v, r] = src.version ? src.version.split('-') : [];
    pkg.source =
      src.version && v !== undefined ? { name: src.name, version: fullVersion(h, v, r ?? '') } : src;
  }
  return pkg;
}

function readBlobs(backend: Backend, input: AnalyzerInput): BlobsResult {
  switch (backend) {
    case 'bdb':
      return readBdbBlobs(input.content);
    case 'ndb':
      return readNdbBlobs(input.content);
    case 'sqlite':
      return readSqliteBlobs(input.content, input.tempDir);
  }
}

/** Turns header blobs into packages and owned files; every failure is an unknown for `path`. */
export function packagesFromBlobs(
  result: BlobsResult,
  path: string,
): Required<Omit<AnalysisResult, 'os' | 'supplementedBy' | 'mavenPom'>> {
  const packages: FoundPackage[] = [];
  const ownedFiles: string[] = [];
  const unknowns = result.problems.map((reason) => ({ path, reason }));
  for (const blob of result.blobs) {
    const parsed = parseHeader(blob);
    if (!parsed.ok) {
      unknowns.push({ path, reason: parsed.reason });
      continue;
    }
    // Imported signing keys are stored as pseudo-packages named gpg-pubkey.
    if (parsed.header.name === 'gpg-pubkey') continue;
    packages.push(toPackage(parsed.header, path));
    for (const f of parsed.header.files) ownedFiles.push(f.replace(/^\/+/, ''));
  }
  return { packages, ownedFiles, unknowns };
}

export const rpmAnalyzer = {
  name: 'pkg/rpm',
  version: 2,
  maxFileSize: 512 * 1024 * 1024,
  wants: (info) => rpmBackendFor(info.path) !== undefined,
  analyze(input) {
    const backend = rpmBackendFor(input.path);
    if (!backend) return {};
    return packagesFromBlobs(readBlobs(backend, input), input.path);
  },
} satisfies Analyzer;
