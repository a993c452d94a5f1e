/**
 * `scan`: SBOM (from an image or a file) × advisory database → filtered findings.
 * The database is opened first, so a missing database fails before a long image read.
 */
import { readFile } from 'node:fs/promises';
import { defaultDbPath } from '../advisory/db-path.js';
import { AdvisoryStore } from '../advisory/store.js';
import { BulwarkError } from '../errors.js';
import { matchSbom } from '../matcher/match-sbom.js';
import type { ScanResult } from '../matcher/types.js';
import { applyFilters, type FindingFilters } from '../policy/filters.js';
import { decodeSbom } from '../sbom/format/decode.js';
import type { Sbom } from '../sbom/model.js';
import { type GenerateSbomOptions, generateSbom } from './generate-sbom.js';

export interface ScanOptions {
  /** Advisory database; default `defaultDbPath()`. */
  dbPath?: string;
  /** Severity, unfixed, ignore-file and VEX filters (the image is filled in here). */
  filters?: Omit<FindingFilters, 'image' | 'now'>;
  /** "Now" for ages and ignore-rule expiry; tests pin it. */
  now?: Date;
  /** Non-fatal notes (expired ignore rules…); the CLI prints them on stderr. */
  onWarning?: (message: string) => void;
}

export interface ScanImageOptions extends ScanOptions {
  sbom?: GenerateSbomOptions;
}

function scanWithStore(sbom: Sbom, store: AdvisoryStore, opts: ScanOptions): ScanResult {
  const now = opts.now ?? new Date();
  const findings = matchSbom(sbom, store, { now });
  const outcome = applyFilters(findings, { ...opts.filters, now, image: sbom.image });
  for (const warning of outcome.warnings) opts.onWarning?.(warning);
  return {
    sbom,
    findings: outcome.findings,
    suppressed: outcome.suppressed,
    db: { path: store.path, updatedAt: store.status().updatedAt },
    scannedAt: now.toISOString(),
  };
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
