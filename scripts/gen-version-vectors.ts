/**
 * Regenerates src/core/version/testdata/*-versions.txt from the REAL reference
 * implementations (dpkg, rpm, Python packaging, Maven's ComparableVersion, Go's
 * x/mod/semver, node-semver, Ruby's Gem::Version, Composer's composer/semver). Our own comparators only pick WHICH pairs to ask
 * about (neighbours in sorted order are the hardest pairs); every answer written
 * comes from the tool.
 *
 *   node --import tsx scripts/gen-version-vectors.ts [deb|rpm|pep440|maven|go|semver|gem|composer ...]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nodeSemver from 'semver';
import { versionSchemes } from '../src/core/version/schemes.js';
import {
  dpkgCompare,
  goSemverCompare,
  mavenCompare,
  type Pair,
  packagingCompare,
  packagingVersion,
  rpmCompare,
  type Verdict,
} from '../src/test-support/reference-oracles.js';
import { genComposer, genGem } from './gen-version-vectors-gem-composer.js';
import {
  ROOT,
  rng,
  sample,
  selectPairs,
  toolVersion,
  verdictLines,
  write,
} from './gen-version-vectors-lib.js';
import {
  debianVersions,
  GO_EXTRA,
  goVulndbVersions,
  MAVEN_EXTRA,
  mavenRepoVersions,
  npmVersions,
  PEP440_EXTRA,
  pypiVersions,
  RPM_REAL,
  SEMVER_EXTRA,
} from './gen-version-vectors-sources.js';

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

function semverPackageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules/semver/package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

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
      `truth: node semver ${semverPackageVersion()} (semver.valid, semver.compare), SemVer ${nodeSemver.SEMVER_SPEC_VERSION}`,
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
  gem: genGem,
  composer: genComposer,
};

const wanted = process.argv.slice(2);
for (const name of wanted.length > 0 ? wanted : Object.keys(GENERATORS)) {
  const gen = GENERATORS[name];
  if (!gen) throw new Error(`unknown vector set ${name}; known: ${Object.keys(GENERATORS).join(', ')}`);
  gen();
}
