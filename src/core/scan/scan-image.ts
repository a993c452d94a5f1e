/**
 * `scan`: SBOM (from an image or a file) × advisory database → filtered findings.
 * The database is opened first, so a missing database fails before a long image read.
 */
import { readFile } from 'node:fs/promises';
import { defaultDbPath } from '../advisory/db-path.js';
import type { DbStatus } from '../advisory/db-types.js';
import { AdvisoryStore } from '../advisory/store.js';
import { BulwarkError } from '../errors.js';
import { findMissingData } from '../matcher/coverage.js';
import { matchSbom } from '../matcher/match-sbom.js';
import type { ScanResult, ScanWarning } from '../matcher/types.js';
import { applyFilters, type FindingFilters } from '../policy/filters.js';
import { decodeSbom } from '../sbom/format/decode.js';
import type { Sbom } from '../sbom/model.js';
import { type PackageTypeChoice, restrictPackages } from '../sbom/package-types.js';
import { type GenerateSbomOptions, generateSbom } from './generate-sbom.js';
import { endOfLife } from './os-eol.js';

export interface ScanOptions {
  /** Advisory database; default `defaultDbPath()`. */
  dbPath?: string;
  /** Severity, unfixed, ignore-file and VEX filters (the image is filled in here). */
  filters?: Omit<FindingFilters, 'image' | 'now'>;
  /** "Now" for ages and ignore-rule expiry; tests pin it. */
  now?: Date;
  /** Match only these kinds of package (`--pkg-types`); the report's SBOM holds only them too. */
  packageTypes?: readonly PackageTypeChoice[];
  /** Non-fatal notes (expired ignore rules…); the CLI prints them on stderr. */
  onWarning?: (message: string) => void;
  /** A database older than this many days is flagged in every report (default 7; 0: never). */
  dbMaxAgeDays?: number;
}

export const defaultDbMaxAgeDays = 7;

export interface ScanImageOptions extends ScanOptions {
  sbom?: GenerateSbomOptions;
}

function scanWithStore(scanned: Sbom, store: AdvisoryStore, opts: ScanOptions): ScanResult {
  const sbom = restrictPackages(scanned, opts.packageTypes);
  const now = opts.now ?? new Date();
  const findings = matchSbom(sbom, store, { now });
  const outcome = applyFilters(findings, {
    ...opts.filters,
    now,
    image: sbom.image,
    ...(sbom.os ? { os: sbom.os } : {}),
    packages: sbom.packages,
  });
  for (const warning of outcome.warnings) opts.onWarning?.(warning);
  const status = store.status();
  const { filtered } = outcome;
  const anyFiltered =
    filtered.unfixed > 0 || filtered.devDependencies > 0 || Object.keys(filtered.bySeverity).length > 0;
  return {
    sbom,
    findings: outcome.findings,
    suppressed: outcome.suppressed,
    ...(anyFiltered ? { filtered } : {}),
    warnings: scanWarnings(sbom, store, status, opts, now),
    db: { path: store.path, updatedAt: status.updatedAt },
    scannedAt: now.toISOString(),
  };
}

/** Missing data per OS release and ecosystem, an end-of-life OS, a stale database. */
function scanWarnings(
  sbom: Sbom,
  store: AdvisoryStore,
  status: DbStatus,
  opts: ScanOptions,
  now: Date,
): ScanWarning[] {
  const warnings: ScanWarning[] = findMissingData(sbom, {
    hasEcosystem: (ecosystem) => store.hasEcosystem(ecosystem),
    families: new Set(
      Object.keys(status.ecosystems).filter((family) => (status.ecosystems[family] ?? 0) > 0),
    ),
    recordCount: status.recordCount,
  });
  if (sbom.packages.length === 0) {
    warnings.push({
      kind: 'no-packages',
      message: 'no packages were found, so nothing could be checked (an empty result here is not "clean")',
    });
  }
  const eol = endOfLife(sbom.os, now);
  if (sbom.os && eol) {
    const os = sbom.os.name || `${sbom.os.family} ${sbom.os.version}`;
    warnings.push({
      kind: 'os-eol',
      os,
      eolDate: eol,
      message: `${os} is end-of-life (since ${eol}): it gets no security fixes and its advisories may be incomplete`,
    });
  }
  const maxAgeDays = opts.dbMaxAgeDays ?? defaultDbMaxAgeDays;
  const ageDays = Math.floor((now.getTime() - Date.parse(status.updatedAt)) / 86_400_000);
  if (maxAgeDays > 0 && ageDays > maxAgeDays) {
    warnings.push({
      kind: 'db-stale',
      ageDays,
      maxAgeDays,
      message: `the vulnerability database is ${ageDays} days old (more than ${maxAgeDays}): run \`bulwark db update\` (or import a newer one offline)`,
    });
  }
  return warnings;
}

/** The whole pipeline for an image reference. */
export async function scanImage(ref: string, opts: ScanImageOptions = {}): Promise<ScanResult> {
  const store = AdvisoryStore.open(opts.dbPath ?? defaultDbPath());
  try {
    const sbom = await generateSbom(ref, opts.sbom ?? {});
    return scanWithStore(sbom, store, opts);
  } finally {
    store.close();
  }
}

/** Scans a CycloneDX JSON, SPDX JSON or Bulwark JSON SBOM file. */
export async function scanSbomFile(path: string, opts: ScanOptions = {}): Promise<ScanResult> {
  const store = AdvisoryStore.open(opts.dbPath ?? defaultDbPath());
  try {
    const text = await readFile(path, 'utf8').catch((err: unknown) => {
      throw new BulwarkError('IO', `${path}: cannot read (${(err as Error).message})`, { cause: err });
    });
    return scanWithStore(decodeSbom(text, path), store, opts);
  } finally {
    store.close();
  }
}
