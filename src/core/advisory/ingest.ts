import { BulwarkError } from '../errors.js';
import type { AdvisoryProgress } from './db-types.js';
import type { AdvisoryDbWriter } from './db-writer.js';
import { ecosystemFamily } from './ecosystems.js';
import { parseOsvDocument } from './parse-osv.js';
import type { OsvDocument } from './read-inputs.js';
import { validateOsvRecord } from './validate-osv.js';

/** OSV fields besides `id`: a value with a string id and one of these is meant as OSV. */
const osvFields = ['modified', 'affected', 'aliases', 'schema_version', 'published', 'withdrawn', 'upstream'];

function looksLikeOsv(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return typeof record.id === 'string' && osvFields.some((field) => field in record);
}

/** Warnings kept verbatim; past this only the count grows, so a bad feed cannot flood memory. */
const maxWarnings = 50;

/** Running totals of one import or update. */
export class IngestTally {
  files = 0;
  /** Files found in a directory or archive that were not OSV-shaped, skipped. */
  notOsv = 0;
  records = 0;
  imported = 0;
  skipped = 0;
  readonly warnings: string[] = [];
  readonly byEcosystem: Record<string, number> = {};

  warn(message: string): void {
    if (this.warnings.length < maxWarnings) this.warnings.push(message);
  }

  /** Warnings plus a closing line for the ones not kept. */
  finalWarnings(): string[] {
    const dropped = this.skipped + this.notOsv - this.warnings.length;
    return dropped > 0 ? [...this.warnings, `… and ${dropped} more skipped`] : [...this.warnings];
  }
}

/**
 * Parses, validates and stores every record of the documents under `source`.
 * Policy: a file that does not parse, or a record that breaks the OSV shape, fails
 * the whole run (ADVISORY_INVALID naming the file) — it means the input is damaged
 * or not OSV. A record naming an ecosystem OSV does not define is skipped with a
 * warning: it is well-formed, Bulwark just cannot match it. A file found by walking a
 * directory or an archive that is not shaped like OSV at all (no record has an `id`
 * with OSV fields beside it: a package.json, a manifest) is skipped with a warning; one
 * that is OSV-shaped but broken still fails the run.
 */
export async function ingestDocuments(
  writer: AdvisoryDbWriter,
  documents: AsyncIterable<OsvDocument> | Iterable<OsvDocument>,
  source: string,
  tally: IngestTally,
  onProgress?: (event: AdvisoryProgress) => void,
): Promise<number> {
  let count = 0;
  for await (const doc of documents) {
    tally.files++;
    const parsed = parseOsvDocument(doc.text, doc.format);
    if (!parsed.ok) throw new BulwarkError('ADVISORY_INVALID', `${doc.origin}: ${parsed.reason}`);
    if (doc.discovered && !parsed.values.some(looksLikeOsv)) {
      tally.notOsv++;
      tally.warn(`${doc.origin}: skipped: not an OSV record (no "id" with OSV fields such as "modified")`);
      continue;
    }
    for (const value of parsed.values) {
      const result = validateOsvRecord(value);
      if (result.kind === 'invalid') {
        const which = result.id ? `record ${result.id}: ` : '';
        throw new BulwarkError('ADVISORY_INVALID', `${doc.origin}: ${which}${result.reason}`);
      }
      tally.records++;
      if (result.kind === 'unknown-ecosystem') {
        tally.skipped++;
        tally.warn(
          `${doc.origin}: skipped ${result.record.id}: unknown ecosystem ${result.ecosystems.join(', ')}`,
        );
        continue;
      }
      count++;
      if (!writer.upsert(result.record, source)) continue;
      tally.imported++;
      const families = new Set(
        (result.record.affected ?? []).flatMap((a) =>
          a.package ? [ecosystemFamily(a.package.ecosystem)] : [],
        ),
      );
      for (const family of families) tally.byEcosystem[family] = (tally.byEcosystem[family] ?? 0) + 1;
    }
    if (onProgress && tally.files % 500 === 0)
      onProgress({ phase: 'read', origin: doc.origin, records: tally.records });
  }
  return count;
}
