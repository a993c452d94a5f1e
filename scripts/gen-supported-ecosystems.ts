/**
 * Writes docs/supported-ecosystems.md from the analyzer and matcher lists. What the code
 * knows comes from the code: analyzer names and versions (analyzers.ts), the matchers
 * serving each package type and the OSV ecosystems they ask (matchers.ts, asked with a
 * sample package), and the comparator for each ecosystem (schemes.ts). The words about
 * each input are in supported-ecosystems-data.ts.
 *
 *   node --import tsx scripts/gen-supported-ecosystems.ts          rewrite the file
 *   node --import tsx scripts/gen-supported-ecosystems.ts --check  exit 1 when it is stale
 *
 * src/core/analyzer/supported-ecosystems.test.ts fails when the committed file is stale.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { feedConverters } from '../src/core/advisory/feeds/feeds.js';
import { analyzers } from '../src/core/analyzer/analyzers.js';
import type { Matcher } from '../src/core/matcher/matcher-types.js';
import { matchers } from '../src/core/matcher/matchers.js';
import type { OSFamily, OSInfo, Package, PackageType } from '../src/core/sbom/model.js';
import { schemeForEcosystem } from '../src/core/version/schemes.js';
import {
  analyzerInputs,
  feedRows,
  sampleNames,
  sampleOs,
  sampleOsNames,
  sbomInputs,
} from './supported-ecosystems-data.js';

export const SUPPORTED_ECOSYSTEMS_DOC = join(import.meta.dirname, '..', 'docs', 'supported-ecosystems.md');

const code = (s: string): string => `\`${s}\``;

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function samplePackage(type: PackageType): Package {
  return {
    type,
    name: sampleNames[type] ?? 'NAME',
    namespace: 'NS',
    version: '1.0',
    source: { name: 'SOURCE', version: '1.0' },
    location: { path: 'sample' },
  };
}

/** What the matcher asks for a sample package on a sample OS of its first family. */
function sampleTargets(matcher: Matcher): ReturnType<Matcher['targets']> {
  const family = matcher.osFamilies?.[0];
  const os: OSInfo | undefined = family
    ? { family: family as OSFamily, version: sampleOs[family] ?? '', name: sampleOsNames[family] ?? family }
    : undefined;
  return matcher.targets(samplePackage(matcher.packageTypes[0] as PackageType), os);
}

function advisoriesFor(type: PackageType | undefined): string {
  if (!type) return '—';
  const serving = matchers.filter((m: Matcher) => m.packageTypes.includes(type));
  if (serving.length === 0) return 'none (inventory only)';
  if (serving.some((m: Matcher) => m.osFamilies)) return 'the distribution’s own (below)';
  const ecosystems = new Set(serving.flatMap((m) => sampleTargets(m).flatMap((t) => t.ecosystems)));
  return [...ecosystems].map(code).join(', ');
}

function inputRows(): string[][] {
  const versions = new Map<string, number>(analyzers.map((a) => [a.name, a.version]));
  return analyzerInputs.map((row) => {
    const version = versions.get(row.analyzer);
    if (version === undefined) throw new Error(`${row.analyzer} is not in analyzers.ts`);
    return [
      row.ecosystem,
      row.files,
      `${code(row.analyzer)} v${version}`,
      row.packageType ? code(row.packageType) : '—',
      advisoriesFor(row.packageType),
      row.notes,
    ];
  });
}

function matcherRows(): string[][] {
  return matchers.map((matcher: Matcher) => {
    const targets = sampleTargets(matcher);
    const ecosystems = [...new Set(targets.flatMap((t) => t.ecosystems))];
    const family = matcher.osFamilies?.[0];
    const example = family ? `${family} ${sampleOs[family] || '(rolling)'}: ` : '';
    const shown =
      ecosystems.length > 4
        ? [...ecosystems.slice(0, 3).map(code), `… (${ecosystems.length})`]
        : ecosystems.map(code);
    const schemes = new Set(ecosystems.map((e) => schemeForEcosystem(e)?.name ?? 'none'));
    const via = [
      ...new Set(targets.map((t) => (t.via === 'source' ? 'source package' : `name ${code(t.name)}`))),
    ];
    return [
      code(matcher.name),
      matcher.packageTypes.map(code).join(', '),
      matcher.osFamilies?.join(', ') ?? 'any',
      `${example}${shown.join(', ')}`,
      via.join(', then '),
      [...schemes].map(code).join(', '),
    ];
  });
}

/** One row per converter in feeds.ts; a converter without words in the data file is an error. */
function feedTableRows(): string[][] {
  return feedConverters.map((converter) => {
    const row = feedRows.find((r) => r.feed === converter.name);
    if (!row) throw new Error(`feed ${converter.name} has no row in supported-ecosystems-data.ts`);
    const ids = converter.releases.length
      ? converter.releases.map((r) => code(`${converter.name}-${r}`)).join(', ')
      : code(converter.name);
    const ecosystem = converter.releases.length ? `${converter.family}:<release>` : converter.family;
    const asking = matchers.filter((m: Matcher) =>
      sampleTargets(m).some((t) => t.ecosystems.some((e) => e.startsWith(converter.family))),
    );
    return [
      converter.vendor,
      converter.releases.length && !converter.releaseRequired
        ? `${ids} (or ${code(converter.name)}: every release)`
        : ids,
      converter.format,
      row.published,
      code(ecosystem),
      asking.length ? asking.map((m) => code(m.name)).join(', ') : 'none',
      row.notes,
    ];
  });
}

export function renderSupportedEcosystems(): string {
  return `${[
    '# Supported ecosystems',
    '',
    '<!-- Generated by `node --import tsx scripts/gen-supported-ecosystems.ts` from the analyzer and',
    'matcher lists; edit scripts/supported-ecosystems-data.ts, not this file. A test fails when it is stale. -->',
    '',
    'One row per analyzer input. Analyzers live in `src/core/analyzer/<kind>/<name>/` and are',
    'listed in `src/core/analyzer/analyzers.ts`; the version is the one in their cache key.',
    '',
    table(
      ['Ecosystem', 'Files read', 'Analyzer', 'purl type', 'Advisories (OSV ecosystem)', 'Notes'],
      inputRows(),
    ),
    '',
    '## SBOM input only',
    '',
    'Package types that no analyzer finds in an image; they reach the matchers in an SBOM',
    '(CycloneDX or SPDX), each component named by its purl.',
    '',
    table(
      ['Ecosystem', 'Example purl', 'purl type', 'Advisories (OSV ecosystem)', 'Notes'],
      sbomInputs.map((row) => [
        row.ecosystem,
        code(row.purl),
        code(row.packageType),
        advisoriesFor(row.packageType),
        row.notes,
      ]),
    ),
    '',
    '## Vulnerability matching',
    '',
    'Matchers live in `src/core/matcher/<ecosystem>/` and are listed in',
    '`src/core/matcher/matchers.ts`. OS packages are matched only against their',
    'distribution’s own advisories, in the release’s OSV ecosystem, so fixes backported',
    'into a distro version are honoured; the installed (source) version is compared with',
    'the distribution’s comparator. The ecosystems shown are what each matcher asks for a',
    'sample release, for a sample package named `NAME` in namespace `NS` (the Maven group,',
    'the Composer vendor) built from source package `SOURCE`; how each comparator is checked',
    'is in `docs/version-ordering.md`.',
    '',
    table(
      ['Matcher', 'Package types', 'OS families', 'OSV ecosystems asked', 'Looked up by', 'Comparator'],
      matcherRows(),
    ),
    '',
    '## Vendor feeds',
    '',
    'Distributions OSV does not publish. `bulwark db update --feed NAME=DIR|FILE|URL` converts',
    'the vendor’s own feed into OSV records (`src/core/advisory/feeds/<vendor>/`, listed in',
    '`src/core/advisory/feeds/feeds.ts`); their ecosystem families are not in OSV’s list, and',
    'until a feed is imported, scans of those releases say their advisory data is missing.',
    '',
    table(
      ['Vendor', 'Feed ids', 'Format', 'Published at', 'OSV ecosystem', 'Matcher', 'Notes'],
      feedTableRows(),
    ),
  ].join('\n')}\n`;
}

/**
 * The text with table padding taken out: the file is written raw, then formatted by
 * biome (which pads the columns), so staleness is judged on content, not on padding.
 */
export function unpadded(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split(/(?<!\\)\|/)
            .map((cell) => (/^\s*-+\s*$/.test(cell) ? '---' : cell.trim()))
            .join('|')
        : line,
    )
    .join('\n');
}

export function isSupportedEcosystemsDocFresh(): boolean {
  return unpadded(readFileSync(SUPPORTED_ECOSYSTEMS_DOC, 'utf8')) === unpadded(renderSupportedEcosystems());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--check')) {
    if (!isSupportedEcosystemsDocFresh()) {
      console.error(
        'docs/supported-ecosystems.md is stale: run node --import tsx scripts/gen-supported-ecosystems.ts',
      );
      process.exit(1);
    }
  } else {
    writeFileSync(SUPPORTED_ECOSYSTEMS_DOC, renderSupportedEcosystems());
    execFileSync(join(import.meta.dirname, '..', 'node_modules', '.bin', 'biome'), [
      'format',
      '--write',
      SUPPORTED_ECOSYSTEMS_DOC,
    ]);
    console.log(`wrote ${SUPPORTED_ECOSYSTEMS_DOC}`);
  }
}
