/**
 * Options shared by `scan image` and `scan sbom` (and, later, `ci`): database, report,
 * filters and fail conditions, turned into core option objects.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { BulwarkError } from '../../core/errors.js';
import type { Severity } from '../../core/matcher/types.js';
import type { FailConditions } from '../../core/policy/fail-conditions.js';
import type { FindingFilters } from '../../core/policy/filters.js';
import type { IgnoreRule } from '../../core/policy/ignore-file.js';
import { defaultIgnoreFiles, parseAnyIgnoreFile } from '../../core/policy/ignore-formats.js';
import { parseOpenVex, type VexStatement } from '../../core/policy/openvex.js';
import { parseSeverity, parseSeverityFilter } from '../../core/policy/severity-filter.js';

export interface ScanFlags {
  db?: string;
  format: string;
  output?: string;
  listAllPkgs?: boolean;
  pkgTypes?: string;
  scanners?: string;
  template?: string;
  severity: string[];
  ignoreUnfixed?: boolean;
  ignoreFile?: string;
  vex: string[];
  exitCode?: string;
  failMax: string[];
  failOnSeverity?: string;
  failCvss?: string;
  failId: string[];
  failOnlyPatchable?: boolean;
  includeDevDeps?: boolean;
  failOnUnknown?: boolean;
  unknownAs?: string;
  failOnMissingData?: boolean;
  offline?: boolean;
  skipDbUpdate?: boolean;
  dbMaxAge?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function addScanOptions(command: Command, formatNames: readonly string[]): Command {
  return command
    .option(
      '--db <path>',
      'vulnerability database (default: BULWARK_DB_DIR/vuln.db or ~/.cache/bulwark/db/vuln.db)',
    )
    .option(
      '-f, --format <format>',
      `report format: ${formatNames.join(', ')} (any case)`,
      (value: string) => value.toLowerCase(),
      'table',
    )
    .option('-o, --output <file>', 'write the report to a file instead of stdout (- for stdout)')
    .option('--list-all-pkgs', 'JSON report: add every package in the image, not only the vulnerable ones')
    .option(
      '--template <text|@file>',
      'with --format template: a Handlebars template over the JSON report (docs/report-template.md)',
    )
    .option('--pkg-types <list>', 'match only these kinds of package: os, library (default: both)')
    .option('--scanners <list>', 'what to look for: vuln (the only scanner Bulwark has; others are refused)')
    .option(
      '--severity <list>',
      'report only these severities: critical,high or a minimum: >=medium (repeatable)',
      collect,
      [],
    )
    .option('--ignore-unfixed', 'leave out vulnerabilities that have no fix yet')
    .option(
      '--ignore-file <path>',
      `accepted risks: Bulwark YAML, .trivyignore or .trivyignore.yaml (default: each of ${defaultIgnoreFiles.join(', ')} present in the working directory; docs/ignore-files.md)`,
    )
    .option(
      '--vex <file>',
      'OpenVEX document; not_affected and fixed statements suppress findings (repeatable)',
      collect,
      [],
    )
    .option(
      '--fail-max <severity=n>',
      'fail when more than n findings have this severity, e.g. critical=0 (repeatable)',
      collect,
      [],
    )
    .option(
      '--fail-on-severity <severity>',
      'fail on any finding of this severity or above (same as --fail-max S=0 for each)',
    )
    .option('--fail-cvss <score>', 'fail on any finding whose CVSS base score is at least this')
    .option(
      '--fail-id <id>',
      'fail whenever this vulnerability (or alias) is found (repeatable)',
      collect,
      [],
    )
    .option('--fail-only-patchable', 'fail conditions count only findings that have a fix')
    .option('--fail-on-unknown', 'fail on any finding of UNKNOWN severity (no source rated it)')
    .option(
      '--unknown-as <severity>',
      'severity gates count UNKNOWN findings as this level (default: not counted, and a note says so)',
    )
    .option(
      '--fail-on-missing-data',
      'fail when some packages could not be checked (no advisories for their OS release or ecosystem)',
    )
    .option(
      '--exit-code <n>',
      'exit code when a fail condition is met (default 1); alone (no --fail-max/--fail-on-severity/--fail-cvss/--fail-id) it fails on any finding shown, as in Trivy: --exit-code 1 --severity CRITICAL,HIGH',
    )
    .option('--include-dev-deps', 'report findings in dev-only lockfile dependencies (left out by default)')
    .option('--skip-db-update', 'never download the database, even when there is none')
    .option('--offline', 'no network for the database (same as --skip-db-update for scans)')
    .option('--db-max-age <days>', 'warn when the database is older than this (0: never)', '7');
}

async function readInput(path: string): Promise<string> {
  return readFile(path, 'utf8').catch((err: unknown) => {
    throw new BulwarkError('IO', `${path}: cannot read (${(err as Error).message})`, { cause: err });
  });
}

export async function toFilters(flags: ScanFlags): Promise<Omit<FindingFilters, 'image' | 'now'>> {
  const filters: Omit<FindingFilters, 'image' | 'now'> = {};
  const severities = parseSeverityFilter(flags.severity);
  if (severities.size > 0) filters.severities = severities;
  if (flags.ignoreUnfixed) filters.ignoreUnfixed = true;
  if (flags.includeDevDeps) filters.includeDevDeps = true;
  const ignorePaths = flags.ignoreFile ? [flags.ignoreFile] : defaultIgnoreFiles.filter((f) => existsSync(f));
  if (ignorePaths.length > 0) {
    const rules: IgnoreRule[] = [];
    for (const path of ignorePaths) rules.push(...parseAnyIgnoreFile(await readInput(path), path));
    filters.ignoreRules = rules;
  }
  if (flags.vex.length > 0) {
    const statements: VexStatement[] = [];
    for (const path of flags.vex) statements.push(...parseOpenVex(await readInput(path), path));
    statements.forEach((s, i) => {
      s.order = i;
    });
    filters.vex = statements;
  }
  return filters;
}

function parseCount(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) throw new BulwarkError('USAGE', `${flag} "${text}": expected a whole number`);
  return Number(text);
}

export function toFailConditions(flags: ScanFlags): FailConditions {
  const conditions: FailConditions = {};
  const max: Partial<Record<Severity, number>> = {};
  for (const entry of flags.failMax) {
    const match = /^([^=]+)=(.*)$/.exec(entry);
    if (!match)
      throw new BulwarkError('USAGE', `--fail-max "${entry}": expected SEVERITY=N, e.g. critical=0`);
    max[parseSeverity(match[1]!)] = parseCount(match[2]!.trim(), '--fail-max');
  }
  if (flags.failOnSeverity) {
    for (let s = parseSeverity(flags.failOnSeverity); s <= 5; s++) max[s as Severity] = 0;
  }
  if (Object.keys(max).length > 0) conditions.maxPerSeverity = max;
  if (flags.failCvss !== undefined) {
    const score = Number(flags.failCvss);
    if (!Number.isFinite(score) || score < 0 || score > 10) {
      throw new BulwarkError('USAGE', `--fail-cvss "${flags.failCvss}": expected a score from 0 to 10`);
    }
    conditions.cvssThreshold = score;
  }
  if (flags.failId.length > 0) conditions.failIds = flags.failId;
  if (flags.failOnlyPatchable) conditions.onlyPatchable = true;
  if (flags.failOnUnknown) conditions.failOnUnknown = true;
  if (flags.unknownAs !== undefined) conditions.unknownAs = parseSeverity(flags.unknownAs);
  if (flags.failOnMissingData) conditions.failOnMissingData = true;
  if (flags.exitCode !== undefined) {
    const code = parseCount(flags.exitCode, '--exit-code');
    if (code > 255) throw new BulwarkError('USAGE', `--exit-code "${flags.exitCode}": expected 0–255`);
    conditions.exitCode = code;
    // Trivy's habit: `--exit-code N` (with `--severity`) fails on any finding shown. Explicit
    // conditions replace that; --fail-on-unknown / --fail-on-missing-data only add to it.
    const explicit =
      conditions.maxPerSeverity !== undefined ||
      conditions.cvssThreshold !== undefined ||
      conditions.failIds !== undefined;
    if (!explicit && code !== 0) conditions.anyFinding = true;
  }
  return conditions;
}

/** `--db-max-age` in days (0 turns the stale-database warning off). */
export function toDbMaxAgeDays(flags: Pick<ScanFlags, 'dbMaxAge'>): number {
  return flags.dbMaxAge === undefined ? 7 : parseCount(flags.dbMaxAge, '--db-max-age');
}
