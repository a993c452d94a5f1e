import { AdvisoryDbWriter } from '../core/advisory/db-writer.js';
import type { OsvAffected, OsvRange, OsvRecord } from '../core/advisory/osv-types.js';
import { mulberry32 } from './prng.js';

/**
 * Synthetic but realistically shaped OSV records for benchmarks: ids, ecosystem
 * strings, version spellings and range shapes follow each real source (Debian
 * `DEBIAN-CVE-…` with `+deb12u1` fixes, Red Hat errata naming many packages, npm
 * SEMVER ranges…); package popularity is skewed so a few names carry many records.
 * Deterministic for a given (count, seed).
 */

type Rng = () => number;

const rng: (seed: number) => Rng = mulberry32;

const pick = <T>(r: Rng, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

interface Profile {
  weight: number;
  ecosystems: readonly string[];
  poolSize: number;
  idPrefix: (r: Rng, n: number) => string;
  name: (r: Rng, i: number) => string;
  version: (r: Rng) => string;
  rangeType: OsvRange['type'];
  /** Packages per record (errata name several binaries/sources). */
  packages: [number, number];
}

const syllables = [
  'lib',
  'xml',
  'ssl',
  'net',
  'core',
  'py',
  'js',
  'io',
  'http',
  'data',
  'util',
  'crypt',
  'zip',
  'img',
];
const stem = (i: number): string =>
  `${syllables[i % syllables.length]}${syllables[(i >> 3) % syllables.length]}${i}`;
const semver = (r: Rng): string => `${int(r, 0, 12)}.${int(r, 0, 30)}.${int(r, 0, 20)}`;
const cve = (r: Rng, n: number): string => `CVE-${int(r, 2015, 2025)}-${10000 + n}`;
const ghsa = (r: Rng): string => {
  const part = (): string => Array.from({ length: 4 }, () => pick(r, [...'23456789cfghjmpqrvwx'])).join('');
  return `GHSA-${part()}-${part()}-${part()}`;
};
const rpmVersion = (dist: string) => (r: Rng) => `${semver(r)}-${int(r, 1, 40)}.${dist}`;

const profiles: Record<string, Profile> = {
  Debian: {
    weight: 18,
    ecosystems: ['Debian:11', 'Debian:12', 'Debian:13'],
    poolSize: 6000,
    idPrefix: (r, n) => `DEBIAN-${cve(r, n)}`,
    name: (_r, i) => stem(i),
    version: (r) => `${semver(r)}-${int(r, 1, 9)}+deb12u${int(r, 1, 5)}`,
    rangeType: 'ECOSYSTEM',
    packages: [1, 1],
  },
  Ubuntu: {
    weight: 16,
    ecosystems: ['Ubuntu:20.04:LTS', 'Ubuntu:22.04:LTS', 'Ubuntu:24.04:LTS'],
    poolSize: 6000,
    idPrefix: (r, n) => `UBUNTU-${cve(r, n)}`,
    name: (_r, i) => stem(i),
    version: (r) => `${semver(r)}-${int(r, 1, 9)}ubuntu0.${int(r, 1, 4)}`,
    rangeType: 'ECOSYSTEM',
    packages: [1, 2],
  },
  Alpine: {
    weight: 5,
    ecosystems: ['Alpine:v3.18', 'Alpine:v3.19', 'Alpine:v3.20'],
    poolSize: 2500,
    idPrefix: (r, n) => `ALPINE-${cve(r, n)}`,
    name: (_r, i) => stem(i),
    version: (r) => `${semver(r)}-r${int(r, 0, 9)}`,
    rangeType: 'ECOSYSTEM',
    packages: [1, 1],
  },
  'Red Hat': {
    weight: 6,
    ecosystems: ['Red Hat:enterprise_linux:9::appstream', 'Red Hat:enterprise_linux:8::baseos'],
    poolSize: 3000,
    idPrefix: (r, n) => `RHSA-${int(r, 2019, 2025)}:${n}`,
    name: (_r, i) => stem(i),
    version: rpmVersion('el9_4'),
    rangeType: 'ECOSYSTEM',
    packages: [2, 12],
  },
  'Rocky Linux': {
    weight: 2,
    ecosystems: ['Rocky Linux:8', 'Rocky Linux:9'],
    poolSize: 2000,
    idPrefix: (r, n) => `RLSA-${int(r, 2021, 2025)}:${n}`,
    name: (_r, i) => stem(i),
    version: rpmVersion('el9'),
    rangeType: 'ECOSYSTEM',
    packages: [1, 6],
  },
  AlmaLinux: {
    weight: 2,
    ecosystems: ['AlmaLinux:8', 'AlmaLinux:9'],
    poolSize: 2000,
    idPrefix: (r, n) => `ALSA-${int(r, 2021, 2025)}:${n}`,
    name: (_r, i) => stem(i),
    version: rpmVersion('el8'),
    rangeType: 'ECOSYSTEM',
    packages: [1, 6],
  },
  SUSE: {
    weight: 5,
    ecosystems: ['SUSE:Linux Enterprise Server 15 SP5', 'openSUSE:Leap 15.5'],
    poolSize: 3000,
    idPrefix: (r, n) => `SUSE-SU-${int(r, 2019, 2025)}:${n}-1`,
    name: (_r, i) => stem(i),
    version: rpmVersion('150500.3.1'),
    rangeType: 'ECOSYSTEM',
    packages: [1, 8],
  },
  Wolfi: {
    weight: 3,
    ecosystems: ['Wolfi', 'Chainguard'],
    poolSize: 2000,
    idPrefix: (r, n) => `CGA-${n.toString(36)}-${int(r, 1000, 9999)}-x${n % 97}`,
    name: (_r, i) => stem(i),
    version: (r) => `${semver(r)}-r${int(r, 0, 5)}`,
    rangeType: 'ECOSYSTEM',
    packages: [1, 1],
  },
  npm: {
    weight: 20,
    ecosystems: ['npm'],
    poolSize: 30000,
    idPrefix: (r, n) => (r() < 0.7 ? `MAL-${int(r, 2022, 2025)}-${n}` : ghsa(r)),
    name: (r, i) => (r() < 0.3 ? `@scope${i % 50}/${stem(i)}` : `${stem(i)}-js`),
    version: semver,
    rangeType: 'SEMVER',
    packages: [1, 1],
  },
  PyPI: {
    weight: 7,
    ecosystems: ['PyPI'],
    poolSize: 8000,
    idPrefix: (r, n) => (r() < 0.5 ? `PYSEC-${int(r, 2015, 2025)}-${n}` : ghsa(r)),
    name: (_r, i) => `${stem(i)}-py`,
    version: (r) => `${int(r, 0, 5)}.${int(r, 0, 20)}${r() < 0.2 ? `rc${int(r, 1, 3)}` : `.${int(r, 0, 9)}`}`,
    rangeType: 'ECOSYSTEM',
    packages: [1, 1],
  },
  Go: {
    weight: 5,
    ecosystems: ['Go'],
    poolSize: 4000,
    idPrefix: (r, n) => `GO-${int(r, 2020, 2025)}-${n}`,
    name: (_r, i) => `github.com/org${i % 300}/${stem(i)}`,
    version: semver,
    rangeType: 'SEMVER',
    packages: [1, 2],
  },
  Maven: {
    weight: 5,
    ecosystems: ['Maven'],
    poolSize: 5000,
    idPrefix: (r) => ghsa(r),
    name: (_r, i) => `org.example${i % 200}:${stem(i)}`,
    version: (r) => `${semver(r)}${r() < 0.2 ? '.Final' : ''}`,
    rangeType: 'ECOSYSTEM',
    packages: [1, 3],
  },
  'crates.io': {
    weight: 2,
    ecosystems: ['crates.io'],
    poolSize: 1500,
    idPrefix: (r, n) => `RUSTSEC-${int(r, 2018, 2025)}-${n}`,
    name: (_r, i) => `${stem(i)}_rs`,
    version: semver,
    rangeType: 'SEMVER',
    packages: [1, 1],
  },
  RubyGems: {
    weight: 2,
    ecosystems: ['RubyGems'],
    poolSize: 1500,
    idPrefix: (r) => ghsa(r),
    name: (_r, i) => `${stem(i)}-rb`,
    version: semver,
    rangeType: 'ECOSYSTEM',
    packages: [1, 1],
  },
  Packagist: {
    weight: 2,
    ecosystems: ['Packagist'],
    poolSize: 1500,
    idPrefix: (r) => ghsa(r),
    name: (_r, i) => `vendor${i % 100}/${stem(i)}`,
    version: semver,
    rangeType: 'ECOSYSTEM',
    packages: [1, 1],
  },
  NuGet: {
    weight: 1,
    ecosystems: ['NuGet'],
    poolSize: 1000,
    idPrefix: (r) => ghsa(r),
    name: (_r, i) => `Example.${stem(i)}`,
    version: semver,
    rangeType: 'ECOSYSTEM',
    packages: [1, 1],
  },
};

const profileList = Object.values(profiles);
const totalWeight = profileList.reduce((sum, p) => sum + p.weight, 0);

function chooseProfile(r: Rng): Profile {
  let at = r() * totalWeight;
  for (const profile of profileList) {
    at -= profile.weight;
    if (at < 0) return profile;
  }
  return profileList[profileList.length - 1]!;
}

/** Popular packages get most advisories (the square skews towards index 0). */
const popularIndex = (r: Rng, size: number): number => Math.floor(r() * r() * size);

function affectedFor(r: Rng, p: Profile, ecosystem: string): OsvAffected {
  const introduced = r() < 0.7 ? '0' : p.version(r);
  const roll = r();
  const events: OsvRange['events'] =
    roll < 0.75
      ? [{ introduced }, { fixed: p.version(r) }]
      : roll < 0.9
        ? [{ introduced }]
        : [{ introduced }, { last_affected: p.version(r) }];
  if (r() < 0.1) events.push({ introduced: p.version(r) }, { fixed: p.version(r) });
  return {
    package: { ecosystem, name: p.name(r, popularIndex(r, p.poolSize)) },
    ranges: [{ type: p.rangeType, events }],
    ...(r() < 0.3 ? { versions: Array.from({ length: int(r, 1, 6) }, () => p.version(r)) } : {}),
  };
}

/** Records one at a time, so 200,000 of them never sit in memory together. */
export function* iterateSyntheticRecords(count: number, seed = 1): Generator<OsvRecord> {
  const r = rng(seed);
  const seen = new Set<string>();
  for (let n = 0; n < count; n++) {
    const p = chooseProfile(r);
    let id = p.idPrefix(r, n);
    if (seen.has(id)) id = `${id}-${n}`;
    seen.add(id);
    const ecosystem = pick(r, p.ecosystems);
    const affected = Array.from({ length: int(r, ...p.packages) }, () => affectedFor(r, p, ecosystem));
    const year = int(r, 2018, 2025);
    yield {
      schema_version: '1.6.0',
      id,
      modified: `${year}-0${int(r, 1, 9)}-1${int(r, 0, 9)}T12:00:00Z`,
      published: `${year}-01-0${int(r, 1, 9)}T00:00:00Z`,
      ...(r() < 0.01 ? { withdrawn: `${year}-12-01T00:00:00Z` } : {}),
      aliases: id.startsWith('CVE') ? [] : [cve(r, n)],
      summary: `synthetic advisory ${n} in ${affected[0]?.package?.name}`,
      details: 'A crafted input can make the parser read past the end of a buffer. '.repeat(int(r, 1, 4)),
      affected,
      ...(r() < 0.5
        ? { severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] }
        : {}),
      references: [{ type: 'ADVISORY', url: `https://example.org/advisories/${id}` }],
    };
  }
}

export function generateSyntheticRecords(count: number, seed = 1): OsvRecord[] {
  return Array.from(iterateSyntheticRecords(count, seed));
}

/**
 * Package coordinates to look up: `hitRatio` of them drawn from the same skewed
 * pools as the records (most have advisories), the rest names no advisory mentions.
 */
export function syntheticLookups(
  count: number,
  seed = 2,
  hitRatio = 0.5,
): { ecosystem: string; name: string }[] {
  const r = rng(seed);
  return Array.from({ length: count }, (_, n) => {
    const p = chooseProfile(r);
    const ecosystem = pick(r, p.ecosystems);
    return r() < hitRatio
      ? { ecosystem, name: p.name(r, popularIndex(r, p.poolSize)) }
      : { ecosystem, name: `absent-${n}` };
  });
}

/** Writes `count` synthetic records into a fresh database at `dbPath` (atomically). */
export function writeSyntheticDatabase(dbPath: string, count: number, seed = 1): number {
  const writer = AdvisoryDbWriter.create(dbPath, false);
  try {
    writer.setSource({
      name: 'synthetic',
      kind: 'import',
      location: `synthetic:${seed}`,
      updatedAt: new Date().toISOString(),
    });
    for (const record of iterateSyntheticRecords(count, seed)) writer.upsert(record, 'synthetic');
    return writer.commit();
  } catch (err) {
    writer.abort();
    throw err;
  }
}
