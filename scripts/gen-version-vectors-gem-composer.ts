/**
 * Vectors for RubyGems (truth: Ruby's own Gem::Version) and Composer (truth: Composer's
 * own composer/semver library under PHP), both installed from Debian by
 * scripts/provision.sh. Called from scripts/gen-version-vectors.ts.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { versionSchemes } from '../src/core/version/schemes.js';
import type { VersionScheme } from '../src/core/version/types.js';
import {
  composerCompare,
  composerSemverVersion,
  gemCompare,
  type Pair,
  rubygemsVersion,
  type Verdict,
} from '../src/test-support/reference-oracles.js';
import { COMPOSER_EXTRA, GEM_EXTRA } from './gen-version-vectors-gem-composer-data.js';
import { ROOT, rng, sample, selectPairs, verdictLines, write } from './gen-version-vectors-lib.js';
import { debianVersions, npmVersions, pypiVersions } from './gen-version-vectors-sources.js';

type Oracle = (pairs: readonly Pair[]) => (Verdict | '!')[];

/** Debian's upstream part of a version: no epoch, no revision, no `+dfsg`/`~repack` tail. */
function upstream(debian: string): string {
  const noEpoch = debian.replace(/^\d+:/, '');
  const noRevision = noEpoch.includes('-') ? noEpoch.slice(0, noEpoch.lastIndexOf('-')) : noEpoch;
  return noRevision.split(/[+~]/)[0]!;
}

/** Upstream versions of Debian's packages for one language, grouped per package. */
function debianUpstream(prefix: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [pkg, versions] of debianVersions().byPackage) {
    if (!pkg.startsWith(prefix)) continue;
    out.set(pkg, [...new Set([...versions].map(upstream))]);
  }
  return out;
}

function testdataFiles(match: (name: string) => boolean, dir = join(ROOT, 'src/core')): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...testdataFiles(match, p));
    else if (p.includes('/testdata/') && match(name)) out.push(p);
  }
  return out;
}

/** `name (version)` lines of the Gemfile.lock fixtures (real bundler output). */
function gemfileLockVersions(): string[] {
  return testdataFiles((n) => n.startsWith('Gemfile') && n.endsWith('.lock')).flatMap((p) =>
    [...readFileSync(p, 'utf8').matchAll(/^ {4}\S+ \(([^)\s]+)\)$/gm)].map((m) => m[1]!),
  );
}

/** Ruby's own installed gems (`gem list --local`): default and bundled gem versions. */
function installedGemVersions(): string[] {
  const text = execFileSync('gem', ['list', '--local'], { encoding: 'utf8' });
  return [...text.matchAll(/\(([^)]*)\)/g)].flatMap((m) =>
    m[1]!.split(', ').map((v) => v.replace(/^default: /, '')),
  );
}

/** `"version"` values of the composer.lock / installed.json fixtures (real Composer output). */
function composerFixtureVersions(): string[] {
  return testdataFiles((n) => n === 'composer.lock' || n.startsWith('installed')).flatMap((p) =>
    [...readFileSync(p, 'utf8').matchAll(/"version": "([^"]+)"/g)].map((m) => m[1]!),
  );
}

/**
 * Validity from the tool (`! v` lines), then pairs among the valid ones. A version the
 * tool accepts and we reject is paired explicitly, so the vector test reports it.
 */
function vectorLines(
  scheme: VersionScheme,
  oracle: Oracle,
  versions: string[],
  extra: Pair[],
  random: number,
  seed: number,
): string[] {
  const unique = [...new Set(versions)].filter((v) => !/[\s]/.test(v) && v !== '');
  const validity = oracle(unique.map((v): Pair => [v, '1']));
  const invalid = unique.filter((_, i) => validity[i] === '!');
  const valid = unique.filter((_, i) => validity[i] !== '!');
  const validSet = new Set(valid);
  const rejectedByUs = valid.filter((v) => !scheme.parse(v).valid).map((v): Pair => [v, '1']);
  const pairs = selectPairs(
    scheme,
    valid,
    random,
    [...extra.filter(([a, b]) => validSet.has(a) && validSet.has(b)), ...rejectedByUs],
    seed,
  );
  const invalidLines = sample(invalid, 600, rng(seed + 1))
    .sort()
    .map((v) => `! ${v}`);
  return [...invalidLines, ...verdictLines(pairs, oracle(pairs))];
}

/** Neighbouring versions of one package: the comparisons a matcher makes. */
function samePackagePairs(byPackage: Map<string, string[]>, limit: number): Pair[] {
  const out: Pair[] = [];
  for (const vs of byPackage.values()) {
    for (let i = 1; i < vs.length && out.length < limit; i++) out.push([vs[i - 1]!, vs[i]!]);
  }
  return out;
}

function allPairs(list: readonly string[]): Pair[] {
  return list.flatMap((a, i) => list.slice(i + 1).map((b): Pair => [a, b]));
}

export function genGem(): void {
  const rand = rng(13);
  const debian = debianUpstream('ruby-');
  const versions = [
    ...[...debian.values()].flat(),
    ...installedGemVersions(),
    ...gemfileLockVersions(),
    ...sample(pypiVersions(), 2000, rand),
    ...GEM_EXTRA,
  ];
  const extra = [...allPairs(GEM_EXTRA), ...samePackagePairs(debian, 800)];
  write(
    'gem',
    [
      `truth: ${rubygemsVersion()} (Debian ruby), Gem::Version.correct? and Gem::Version#<=>`,
      'versions: upstream versions of Debian ruby-* packages, Ruby default gems, Gemfile.lock fixtures,',
      '  PyPI versions (pypa/advisory-database) as foreign input, ruby-advisory-db versions and edge cases',
      'a line "! v" means Gem::Version.correct?(v) is false',
    ],
    vectorLines(versionSchemes.gem, gemCompare, versions, extra, 3000, 14),
  );
}

export function genComposer(): void {
  const rand = rng(15);
  const debian = debianUpstream('php-');
  const versions = [
    ...[...debian.values()].flat(),
    ...composerFixtureVersions(),
    ...sample(pypiVersions(), 1500, rand),
    ...sample(npmVersions(ROOT), 1000, rand),
    ...COMPOSER_EXTRA,
  ];
  const extra = [...allPairs(COMPOSER_EXTRA), ...samePackagePairs(debian, 600)];
  write(
    'composer',
    [
      `truth: ${composerSemverVersion()}: VersionParser::normalize, then Comparator on the normalised strings`,
      'versions: upstream versions of Debian php-* packages, composer.lock/installed.json fixtures, PyPI and npm',
      '  versions as foreign input, FriendsOfPHP/security-advisories and Packagist versions and edge cases',
      'a line "! v" means normalize(v) throws, or v is a named branch (dev-*), which Composer never orders',
    ],
    vectorLines(versionSchemes.composer, composerCompare, versions, extra, 3000, 16),
  );
}
