/**
 * Regenerates src/core/version/testdata/*-versions.txt from the REAL reference
 * implementations (dpkg, rpm, Python packaging, Maven's ComparableVersion, Go's
 * x/mod/semver, node-semver). Our own comparators only pick WHICH pairs to ask
 * about (neighbours in sorted order are the hardest pairs); every answer written
 * comes from the tool.
 *
 *   node --import tsx scripts/gen-version-vectors.ts [deb|rpm|pep440|maven|go|semver ...]
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodeSemver from 'semver';
import {
  dpkgCompare,
  goSemverCompare,
  mavenCompare,
  type Pair,
  packagingCompare,
  packagingVersion,
  rpmCompare,
  type Verdict,
} from '../src/core/version/reference-oracles.js';
import { versionSchemes } from '../src/core/version/schemes.js';
import type { SchemeName, VersionScheme } from '../src/core/version/types.js';
import {
  debianVersions,
  goVulndbVersions,
  mavenRepoVersions,
  npmVersions,
  pypiVersions,
} from './gen-version-vectors-sources.js';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'src/core/version/testdata');

/** Deterministic PRNG (mulberry32) so regenerating gives the same file. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample<T>(items: T[], n: number, rand: () => number): T[] {
  const copy = [...items].sort();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

/** Neighbours in our sorted order, random pairs and the extra pairs, each in random direction. */
function selectPairs(
  scheme: VersionScheme,
  versions: string[],
  random: number,
  extra: Pair[],
  seed: number,
): Pair[] {
  const rand = rng(seed);
  const parsed = versions.flatMap((raw) => {
    const p = scheme.parse(raw);
    return p.valid && !/[\s]/.test(raw) ? [{ raw, value: p.value }] : [];
  });
  parsed.sort((a, b) => scheme.compare(a.value, b.value) || (a.raw < b.raw ? -1 : 1));
  const out = new Map<string, Pair>();
  const add = (a: string, b: string): void => {
    if (a === b) return;
    const key = a < b ? `${a}\t${b}` : `${b}\t${a}`;
    if (!out.has(key)) out.set(key, rand() < 0.5 ? [a, b] : [b, a]);
  };
  for (let i = 1; i < parsed.length; i++) add(parsed[i - 1]!.raw, parsed[i]!.raw);
  for (let i = 0; i < random && parsed.length > 1; i++) {
    add(parsed[Math.floor(rand() * parsed.length)]!.raw, parsed[Math.floor(rand() * parsed.length)]!.raw);
  }
  for (const [a, b] of extra) add(a, b);
  return [...out.values()];
}

function write(name: SchemeName, header: string[], lines: string[]): void {
  const file = join(OUT, `${name}-versions.txt`);
  const text = [...header.map((h) => `# ${h}`), ...lines].join('\n');
  writeFileSync(file, `${text}\n`);
  console.log(`${file}: ${lines.length} lines`);
}

function verdictLines(pairs: readonly Pair[], verdicts: readonly (Verdict | '!')[]): string[] {
  return pairs.flatMap(([a, b], i) => (verdicts[i] === '!' ? [] : [`${a} ${verdicts[i]} ${b}`]));
}

function toolVersion(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8' }).split('\n')[0]!.trim();
}

function genDeb(): void {
  const { versions, byPackage } = debianVersions();
  const rand = rng(1);
  const chosen = sample(versions, 3500, rand);
  const extra: Pair[] = [];
  // Same package, different versions: the comparisons a matcher actually makes.
  for (const set of byPackage.values()) {
    const vs = [...set];
    for (let i = 1; i < vs.length && extra.length < 1500; i++) extra.push([vs[i - 1]!, vs[i]!]);
  }
  // Spellings that must compare equal or just below: explicit 0 epoch, "-0" revision, "~" suffix.
  for (const v of chosen.slice(0, 300)) {
    if (!v.includes(':')) extra.push([v, `0:${v}`]);
    extra.push([v, `${v}~`], [v, `${v}+`]);
    if (!v.includes('-')) extra.push([v, `${v}-0`]);
  }
  const pairs = selectPairs(versionSchemes.deb, chosen, 2500, extra, 2);
  write(
    'deb',
    [
      `truth: ${toolVersion('dpkg', ['--version'])}, dpkg --compare-versions`,
      'versions: Version: and Source: fields of `apt-cache dumpavail` (Debian bookworm lists)',
    ],
    verdictLines(pairs, dpkgCompare(pairs)),
  );
}

/** Real EVRs seen on EL, Fedora, SUSE, Amazon, Oracle, Photon, openEuler and Mariner systems. */
const RPM_REAL = [
  '1.1.1k-9.el8_7',
  '1:1.1.1k-12.el8_9',
  '1:3.0.7-27.el9',
  '1:3.0.7-24.el9',
  '2.28-225.el9_3',
  '2.28-236.el9',
  '2.34-100.el9_4.2',
  '7.61.1-34.el8_10.2',
  '7.76.1-29.el9_4.1',
  '4.18.0-513.24.1.el8_9',
  '5.14.0-427.13.1.el9_4',
  '5.14.0-362.8.1.el9_3',
  '2.32.1-42.el8_8',
  '2.32.1-44.el8_9.1',
  '1.2.11-40.el9',
  '1.2.11-41.el9',
  '3.6.8-56.el8_9.3',
  '3.9.18-3.el9_4.3',
  '0.9.2-1',
  '1:2.02-156.el8',
  '2.02-150.el8',
  '32:9.11.36-11.el8_9',
  '1:9.16.23-0.16.el9_3',
  '2:8.2.2637-20.el9_1',
  '2:8.0.1763-19.el8_6.4',
  '3.0.0-150400.3.6.1',
  '1.1.1l-150400.7.60.2',
  '2.31-150300.63.1',
  '7.79.1-150400.5.24.1',
  '5.14.21-150500.55.39.1',
  '4.12.14-122.189.1',
  '2.6.0~rc1-1.fc39',
  '2.6.0-1.fc39',
  '6.5.6-300.fc39',
  '1.0^20230101git1234abc-1.fc39',
  '1.0-1.fc39',
  '0^20220101gitabcdef-3.fc38',
  '3.12.0~b3-1.fc39',
  '3.12.0-1.fc39',
  '1.3.0~rc2^20231010git-2.fc40',
  '5.4.17-2136.320.7.1.el8uek',
  '5.15.0-200.131.27.el9uek',
  '2.26-63.amzn2',
  '1:1.0.2k-24.amzn2.0.7',
  '1:3.0.8-1.amzn2023.0.10',
  '3.0.10-1.ph4',
  '1.1.1m-26.oe2203sp2',
  '1.1.1k-28.cm2',
  '2.9.13-6.el9_4',
  '2.9.13-5.el9_3',
  '1.46.5-3.el9',
  '252-32.el9_4',
  '252-18.el9',
  '4.16.1.3-29.el9',
  '4.16.1.3-25.el9',
  '1.0.6-1.el9~bootstrap',
  '1.0.6-1.el9',
  '0.4.0~git20200930-1',
];

function genRpm(): void {
  const rand = rng(3);
  const deb = sample(debianVersions().versions, 1200, rand);
  const py = sample(pypiVersions(), 500, rand);
  const base = [...RPM_REAL, ...deb, ...py];
  // Mutations exercising the separators rpm treats specially.
  const mutated = sample(base, 300, rand).flatMap((v) => [
    `${v}~rc1`,
    `${v}^post1`,
    v.replaceAll('.', '_'),
    `0:${v}`,
    `${v}.0`,
    `${v}a`,
  ]);
  const extra: Pair[] = RPM_REAL.flatMap((a) => RPM_REAL.map((b): Pair => [a, b]));
  const pairs = selectPairs(versionSchemes.rpm, [...base, ...mutated], 3000, extra, 4);
  write(
    'rpm',
    [
      `truth: ${toolVersion('rpm', ['--version'])}, Lua rpm.vercmp(a, b) (epoch:version-release)`,
      'versions: real EL/Fedora/SUSE/Amazon EVRs, Debian apt versions, PyPI versions, and ~ ^ _ mutations of them',
    ],
    verdictLines(pairs, rpmCompare(pairs)),
  );
}

/** Spellings PEP 440 normalises, and strings packaging rejects. */
const PEP440_EXTRA = [
  '1.0',
  '1.0.0',
  '1.0.0.0',
  'v1.0',
  'V1.0',
  ' 1.0 ',
  '1!1.0',
  '0!1.0',
  '1.0a1',
  '1.0-alpha1',
  '1.0.alpha.1',
  '1.0A1',
  '1.0b2',
  '1.0beta2',
  '1.0c1',
  '1.0rc1',
  '1.0pre1',
  '1.0preview1',
  '1.0-1',
  '1.0.post1',
  '1.0post1',
  '1.0-r1',
  '1.0rev1',
  '1.0.dev1',
  '1.0dev',
  '1.0a1.dev1',
  '1.0.post1.dev1',
  '1.0+local',
  '1.0+Local.1',
  '1.0+local-1_2',
  '1.0+1',
  '1.0+a.1',
  '1.0+1.a',
  '1.0a',
  '1.0.post',
  '1.0-dev',
  '1.0_rc_1',
  'latest',
  '1.0-SNAPSHOT',
  '1.0.x',
  '2004d',
  '1.0+',
  '1.0+-a',
  'dev',
  '1.0..1',
  '1.0-beta-2',
  '1!',
  '.1',
  '1.0.0-rc.1+build.5',
  '2.0.0.dev0+abc',
  '0.1-20120101',
];

function genPep440(): void {
  const rand = rng(5);
  const versions = [...sample(pypiVersions(), 6000, rand), ...PEP440_EXTRA];
  // Validity first: packaging answers "!" for a pair holding an invalid version.
  const validity = packagingCompare(versions.map((v): Pair => [v, '0']));
  const invalid = versions.filter((_, i) => validity[i] === '!');
  const valid = versions.filter((_, i) => validity[i] !== '!' && !/\s/.test(versions[i]!));
  const extra = PEP440_EXTRA.flatMap((a) => PEP440_EXTRA.map((b): Pair => [a, b])).filter(
    ([a, b]) => valid.includes(a) && valid.includes(b),
  );
  const pairs = selectPairs(versionSchemes.pep440, valid, 4000, extra, 6);
  write(
    'pep440',
    [
      `truth: Python packaging ${packagingVersion()} (vendored in pip), packaging.version.Version`,
      'versions: affected[].versions and range events of pypa/advisory-database, plus normalisation edge cases',
      'a line "! v" means packaging raises InvalidVersion for v',
    ],
    [
      ...invalid.filter((v) => !/\s/.test(v)).map((v) => `! ${v}`),
      ...verdictLines(pairs, packagingCompare(pairs)),
    ],
  );
}

const MAVEN_EXTRA = [
  '1',
  '1.0',
  '1.0.0',
  '1-0',
  '1.0-ga',
  '1.0-final',
  '1.0-release',
  '1.0-GA',
  '1.0-alpha',
  '1.0-alpha1',
  '1.0-a1',
  '1.0-beta',
  '1.0-b2',
  '1.0-milestone',
  '1.0-m3',
  '1.0-rc',
  '1.0-cr',
  '1.0-RC1',
  '1.0-CR1',
  '1.0-SNAPSHOT',
  '1.0-sp',
  '1.0-sp1',
  '1.0-foo',
  '1.0-bar',
  '1.0.1',
  '1.0-1',
  '1-1',
  '1.0.0.Final',
  '2.0.0.RELEASE',
  '1.0a',
  '1.0alpha-1',
  '1.0-alpha-1',
  '1.0.alpha.1',
  '1..0',
  '1.0-',
  '1.0--1',
  '1.0-0.1',
  '1.0-xyz-1',
  '1.0.0-jre',
  '31.1-jre',
  '31.1-android',
  '2.13.0-M1',
  '1.0.0-20200101.120000-1',
  '1.2.3-SNAPSHOT',
  'debian',
  '3.x',
  '1.2147483648',
  '1.9223372036854775808',
  '1.0-11',
  '1.0-9',
];

function genMaven(): void {
  const rand = rng(7);
  const versions = [...mavenRepoVersions(), ...MAVEN_EXTRA];
  const extra = MAVEN_EXTRA.flatMap((a) => MAVEN_EXTRA.map((b): Pair => [a, b]));
  const pairs = selectPairs(versionSchemes.maven, sample(versions, 5000, rand), 2000, extra, 8);
  write(
    'maven',
    [
      'truth: maven-artifact 3.8.7 (Debian maven), org.apache.maven.artifact.versioning.ComparableVersion#compareTo',
      'versions: artifact versions in ~/.m2/repository and /usr/share/maven-repo, plus qualifier edge cases',
    ],
    verdictLines(pairs, mavenCompare(pairs)),
  );
}

const GO_EXTRA = [
  'v0.0.0-20191109021931-daa7c04131f5',
  'v0.0.0-20200101000000-000000000000',
  'v1.2.3',
  'v1.2.4-0.20191109021931-daa7c04131f5',
  'v1.2.4',
  'v1.2.4-pre',
  'v1.2.4-pre.0.20191109021931-daa7c04131f5',
  'v2.0.0+incompatible',
  'v2.0.0',
  'v2.0.1+incompatible',
  'v1',
  'v1.2',
  'v1.0.0',
  'v1.2.0',
  'v1.0.0-alpha',
  'v1.0.0-alpha.1',
  'v1.0.0-alpha.beta',
  'v1.0.0-beta.11',
  'v1.0.0-beta.2',
  'v1.0.0-rc.1',
  'v1.0.0+build',
  'v01.0.0',
  'v1.0.0-01',
  'v1.2-pre',
  'v1.0.0-',
  'v1.0.0+',
  'v99999999999999999999.0.0',
  'v1.0.0-x.7.z.92',
];

function genGo(): void {
  const rand = rng(9);
  const versions = [...sample(goVulndbVersions(), 4000, rand).map((v) => `v${v}`), ...GO_EXTRA];
  const validity = goSemverCompare(versions.map((v): Pair => [v, 'v0.0.0']));
  const invalid = versions.filter((_, i) => validity[i] === '!');
  const valid = versions.filter((_, i) => validity[i] !== '!');
  const extra = GO_EXTRA.flatMap((a) => GO_EXTRA.map((b): Pair => [a, b])).filter(
    ([a, b]) => valid.includes(a) && valid.includes(b),
  );
  const pairs = selectPairs(versionSchemes.go, valid, 3000, extra, 10);
  write(
    'go',
    [
      `truth: golang.org/x/mod/semver as vendored in ${toolVersion('go', ['version'])} (semver.IsValid, semver.Compare)`,
      'versions: golang/vulndb OSV range events and versions (v added), plus pseudo-version and +incompatible cases',
      'a line "! v" means semver.IsValid(v) is false',
    ],
    [...invalid.map((v) => `! ${v}`), ...verdictLines(pairs, goSemverCompare(pairs))],
  );
}

const SEMVER_EXTRA = [
  '1.0.0-alpha',
  '1.0.0-alpha.1',
  '1.0.0-alpha.beta',
  '1.0.0-beta',
  '1.0.0-beta.2',
  '1.0.0-beta.11',
  '1.0.0-rc.1',
  '1.0.0',
  '1.0.0+build.1',
  'v1.0.0',
  '1.0.0-0',
  '1.0.0-00',
  '01.0.0',
  '1.0',
  '1.0.0-x-y-z.--',
  '1.0.0-1a',
  '1.0.0-a1',
  '1.0.0-9',
  '1.0.0-10',
  '9007199254740991.0.0',
  '9007199254740992.0.0',
];

function genSemver(): void {
  const rand = rng(11);
  const versions = [
    ...sample(npmVersions(ROOT), 2500, rand),
    ...sample(goVulndbVersions(), 2500, rand),
    ...SEMVER_EXTRA,
  ];
  const invalid = versions.filter((v) => nodeSemver.valid(v) === null && !/\s/.test(v));
  const valid = versions.filter((v) => nodeSemver.valid(v) !== null && !/\s/.test(v));
  const extra = SEMVER_EXTRA.flatMap((a) => SEMVER_EXTRA.map((b): Pair => [a, b])).filter(
    ([a, b]) => valid.includes(a) && valid.includes(b),
  );
  const pairs = selectPairs(versionSchemes.semver, valid, 3000, extra, 12);
  const verdicts = pairs.map(([a, b]): Verdict => {
    const c = nodeSemver.compare(a, b);
    return c < 0 ? '<' : c > 0 ? '>' : '=';
  });
  write(
    'semver',
    [
      `truth: node semver ${nodeSemver.SEMVER_SPEC_VERSION} spec, package version from node_modules/semver (semver.valid, semver.compare)`,
      'versions: package.json versions under node_modules, golang/vulndb SEMVER events, plus SemVer spec examples',
      'a line "! v" means semver.valid(v) is null',
    ],
    [...invalid.map((v) => `! ${v}`), ...verdictLines(pairs, verdicts)],
  );
}

const GENERATORS: Record<string, () => void> = {
  deb: genDeb,
  rpm: genRpm,
  pep440: genPep440,
  maven: genMaven,
  go: genGo,
  semver: genSemver,
};

const wanted = process.argv.slice(2);
for (const name of wanted.length > 0 ? wanted : Object.keys(GENERATORS)) {
  const gen = GENERATORS[name];
  if (!gen) throw new Error(`unknown vector set ${name}; known: ${Object.keys(GENERATORS).join(', ')}`);
  gen();
}
